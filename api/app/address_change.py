"""Which form a member uses to report a change of address, and where it goes."""

from app import schemas
from app.models import Contract, Scheme


def guidance(contract: Contract) -> schemas.AddressChangeGuidance:
    """Form and destination for the scheme: 小 107-1 to SMRJ, or 中 113 via the institution."""
    is_safety = contract.scheme == Scheme.SAFETY
    return schemas.AddressChangeGuidance(
        scheme=Scheme(contract.scheme),
        form_name="契約変更届出書" if is_safety else "届出事項変更申出書",
        form_code="様式 中 113" if is_safety else "様式 小 107-1",
        submit_to="handling_institution" if is_safety else "smrj",
        handling_institution=contract.handling_institution if is_safety else None,
        address_change_pending=contract.address_change_pending,
        registered_prefecture=contract.prefecture,
        registered_city=contract.city,
    )
