"""The Alembic migration matches the models; the seed is idempotent and relative to as-of."""

import datetime as dt

from alembic import command
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models import Certificate, Contract, ContractHolder, Payment
from app.seed import seed
from facade_testkit import DEMO, SEED_AS_OF, alembic_config, migrate_and_seed


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (ContractHolder, Contract, Payment, Certificate)
        }


def test_migration_matches_models(engine: Engine) -> None:
    with engine.connect() as connection:
        command.check(alembic_config(connection))  # raises when autogenerate finds differences


def test_seed_is_idempotent(engine: Engine) -> None:
    before = _counts(engine)
    assert before["contracts"] == len(DEMO)
    with Session(engine) as session:
        seed(session, SEED_AS_OF)
    assert _counts(engine) == before


def test_seed_dates_follow_the_as_of_year(tmp_path) -> None:
    from app.core.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'later.db'}")
    migrate_and_seed(engine, dt.date(2030, 3, 5))
    with Session(engine) as session:
        newsletter = session.scalars(
            select(Contract).where(Contract.contract_number == "1234567")
        ).one()
        months = session.scalars(
            select(Payment.month)
            .where(Payment.contract_id == newsletter.id)
            .order_by(Payment.month)
        ).all()
        certificates = session.execute(
            select(Certificate.year, Certificate.dispatched_on).where(
                Certificate.contract_id == newsletter.id
            )
        ).all()
    assert months[0] == dt.date(2029, 1, 1)
    assert months[-1] == dt.date(2030, 2, 1)  # 18 March 2030 is after the as-of date
    assert sorted(certificates) == [(2029, dt.date(2029, 11, 12)), (2030, None)]
    engine.dispose()
