"""Status of the yearly certificate and whether it may be reissued.

小規模企業共済 mails a 掛金払込証明書: members who paid by September get it in November to
early December; members whose first payment of the year was October-December get it in
mid-February of the next year. 経営セーフティ共済 mails a 掛金納付状況兼領収書 every February
for the previous year; it is never reissued (a 掛金残高証明書 is issued instead).
"""

import datetime as dt
from collections.abc import Sequence

from app import schemas
from app.models import Certificate, CertificateKind, Contract, Payment, PaymentResult, Scheme

DISPATCHED = "dispatched"
SCHEDULED = "scheduled"
NOT_ISSUED = "not_issued"

# Reason codes (stable identifiers; the bot words them in Japanese).
PAID_BY_SEPTEMBER = "paid_by_september"
FIRST_PAYMENT_OCTOBER_TO_DECEMBER = "first_payment_october_to_december"
SENT_EVERY_FEBRUARY = "sent_every_february"
NO_PAYMENT_IN_YEAR = "no_payment_in_year"
NO_DISPATCH_RECORD = "no_dispatch_record"

# Reissue refusal codes.
NOT_REISSUABLE = "not_reissuable"
ADDRESS_CHANGE_PENDING = "address_change_pending"
NOT_YET_DISPATCHED = "not_yet_dispatched"

BALANCE_CERTIFICATE = "balance_certificate"  # 掛金残高証明書


def certificate_kind(contract: Contract) -> CertificateKind:
    """The certificate the scheme mails every year."""
    if contract.scheme == Scheme.SAFETY:
        return CertificateKind.SAFETY_RECEIPT
    return CertificateKind.SHOKIBO_PAYMENT_CERTIFICATE


def _expected_window(
    contract: Contract, year: int, first_paid_month: dt.date
) -> tuple[str, dt.date, dt.date]:
    """Reason code and mailing window for a certificate not yet dispatched."""
    if contract.scheme == Scheme.SAFETY:
        end_of_february = dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
        return SENT_EVERY_FEBRUARY, dt.date(year + 1, 2, 1), end_of_february
    if first_paid_month.month <= 9:
        return PAID_BY_SEPTEMBER, dt.date(year, 11, 1), dt.date(year, 12, 10)
    return FIRST_PAYMENT_OCTOBER_TO_DECEMBER, dt.date(year + 1, 2, 11), dt.date(year + 1, 2, 20)


def reissue_refusal(contract: Contract, status: str, reason: str | None) -> str | None:
    """Why a reissue request would be refused, or None when it is accepted.

    Cancelled contracts are accepted: premiums paid before cancellation stay deductible.
    """
    if contract.scheme == Scheme.SAFETY:
        return NOT_REISSUABLE
    if contract.address_change_pending:
        return ADDRESS_CHANGE_PENDING
    if reason == NO_PAYMENT_IN_YEAR:
        return NO_PAYMENT_IN_YEAR
    if status == SCHEDULED:
        return NOT_YET_DISPATCHED
    return None


def certificate_status(
    contract: Contract,
    year: int,
    payments: Sequence[Payment],
    certificate: Certificate | None,
    as_of: dt.date,
) -> schemas.CertificateStatusResponse:
    """Where the year's certificate stands on as_of."""
    dispatched_on = certificate.dispatched_on if certificate else None
    paid_months = sorted(
        p.month
        for p in payments
        if p.result == PaymentResult.PAID and p.month.year == year and p.debit_date <= as_of
    )
    expected_from = expected_until = None
    if dispatched_on is not None and dispatched_on <= as_of:
        status, reason = DISPATCHED, None
    else:
        dispatched_on = None
        if not paid_months:
            status, reason = NOT_ISSUED, NO_PAYMENT_IN_YEAR
        else:
            reason, expected_from, expected_until = _expected_window(contract, year, paid_months[0])
            status = SCHEDULED
            if as_of > expected_until:
                status, reason = NOT_ISSUED, NO_DISPATCH_RECORD
    refusal = reissue_refusal(contract, status, reason)
    return schemas.CertificateStatusResponse(
        year=year,
        kind=certificate_kind(contract),
        status=status,
        reason=reason,
        dispatched_on=dispatched_on,
        expected_from=expected_from,
        expected_until=expected_until,
        reissuable=refusal is None,
        reissue_refusal=refusal,
        alternative=BALANCE_CERTIFICATE if contract.scheme == Scheme.SAFETY else None,
    )
