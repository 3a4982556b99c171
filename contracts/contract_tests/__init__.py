"""Ready contract tests, one module per service, to run as they are in a downstream repository.

``pytest --pyargs botocontract.contract_tests.codebuild``, or in a test module of your own:
``from botocontract.contract_tests.codebuild import *``.
"""

from __future__ import annotations
