"""Contract summary, payments, certificates, reissue requests and address-change guidance."""

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response, status

from app import address_change, audit, crud, figures, payment_schedule, schemas
from app.api.deps import ClientRefDep, ClockDep, CurrentContractDep, SessionDep, SettingsDep
from app.certificate_status import certificate_kind, certificate_status
from app.core.security import contract_ref
from app.errors import ApiError
from app.models import Contract
from app.reissue import request_reissue

router = APIRouter(
    prefix="/v1/contract",
    tags=["contract"],
    responses={401: {"model": schemas.ErrorResponse, "description": "Missing or invalid token"}},
)

AsOfQuery = Annotated[
    dt.date | None,
    Query(description="Reference date (YYYY-MM-DD); defaults to today in Asia/Tokyo"),
]


def _audited(action: str) -> Any:
    """Dependency returning the verified contract after recording that it was read."""

    def dependency(
        contract: CurrentContractDep,
        session: SessionDep,
        settings: SettingsDep,
        clock: ClockDep,
        client_ref: ClientRefDep,
    ) -> Contract:
        audit.record(
            session,
            at=clock.now(),
            action=action,
            outcome="ok",
            contract_ref=contract_ref(settings, contract.contract_number),
            client_ref=client_ref,
        )
        session.commit()
        return contract

    return Depends(dependency)


@router.get("")
def get_contract(
    contract: Annotated[Contract, _audited("contract_read")],
) -> schemas.ContractSummary:
    """Summary of the verified contract."""
    return schemas.ContractSummary(
        scheme=contract.scheme,
        status=contract.status,
        holder_name=contract.holder.name_kanji,
        holder_name_kana=contract.holder.name_kana,
        monthly_premium=contract.monthly_premium,
        payment_interval=contract.payment_interval,
        enrolled_on=contract.enrolled_on,
        address_change_pending=contract.address_change_pending,
    )


@router.get("/payments")
def get_payments(
    contract: Annotated[Contract, _audited("payments_read")],
    session: SessionDep,
    clock: ClockDep,
    as_of: AsOfQuery = None,
) -> schemas.PaymentsResponse:
    """Last and next debit, arrears with their re-debit, and the safety prepaid balance."""
    payments = crud.list_payments(session, contract.id)
    return payment_schedule.payments_overview(contract, payments, as_of or clock.today_jst())


@router.get(
    "/figures",
    responses={400: {"model": schemas.ErrorResponse, "description": "Year after as_of"}},
)
def get_figures(
    contract: Annotated[Contract, _audited("figures_read")],
    session: SessionDep,
    clock: ClockDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    as_of: AsOfQuery = None,
) -> schemas.ContractFigures:
    """Months and premiums paid, and the year's amount to declare (default: as_of's year)."""
    today = as_of or clock.today_jst()
    year = year or today.year
    if year > today.year:
        raise ApiError(400, "年は基準日の年以前を指定してください。", reason="future_year")
    payments = crud.list_payments(session, contract.id)
    discounts = crud.list_prepayment_discounts(session, contract.id)
    return figures.contract_figures(contract, payments, discounts, year, today)


@router.get("/certificates/{year}")
def get_certificate(
    year: Annotated[int, Path(ge=2000, le=2100)],
    contract: Annotated[Contract, _audited("certificate_read")],
    session: SessionDep,
    clock: ClockDep,
    as_of: AsOfQuery = None,
) -> schemas.CertificateStatusResponse:
    """Whether the year's certificate was mailed, when it will be, or why there is none."""
    certificate = crud.get_certificate(session, contract.id, year, certificate_kind(contract))
    payments = crud.list_payments(session, contract.id)
    return certificate_status(contract, year, payments, certificate, as_of or clock.today_jst())


@router.post(
    "/reissue-requests",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": schemas.ReissueRequestResponse, "description": "Existing request returned"},
        409: {"model": schemas.ErrorResponse, "description": "Refused; see reason"},
    },
)
def create_reissue_request(
    body: schemas.ReissueRequestCreate,
    response: Response,
    contract: CurrentContractDep,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    client_ref: ClientRefDep,
) -> schemas.ReissueRequestResponse:
    """Request a reissue of the year's 掛金払込証明書 (idempotent)."""
    result, created = request_reissue(
        session,
        contract=contract,
        contract_ref=contract_ref(settings, contract.contract_number),
        client_ref=client_ref,
        body=body,
        now=clock.now(),
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return result


@router.get("/address-change")
def get_address_change(
    contract: Annotated[Contract, _audited("address_change_read")],
) -> schemas.AddressChangeGuidance:
    """Which form to use for a change of address and whether one is pending."""
    return address_change.guidance(contract)
