"""試算: 節税額 (小規模企業共済), 解約手当金 (both schemes) and the 共済金貸付 limit (facts.md section 5)."""
