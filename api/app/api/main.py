"""The /v1 routes; every one requires the service bearer token.

Routes carry their full path (prefix set on their own router) so that the request log
can print the route template.
"""

from fastapi import APIRouter, Depends

from app.api.deps import require_service_token
from app.api.routes import contract, verify

api_router = APIRouter(dependencies=[Depends(require_service_token)])
api_router.include_router(verify.router)
api_router.include_router(contract.router)
