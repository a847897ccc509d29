"""Call-deflection analytics: how many conversations end without a call (docs/analytics.md)."""
