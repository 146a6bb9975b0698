"""The template passes cfn-lint (errors, warnings and informational checks) for each way it can be deployed."""

import importlib
from typing import Any

import pytest

from tests.deploy.cfn import TEMPLATE_PATH

EXISTING_VPC_WITH_HTTPS = {
    "VpcId": "vpc-0123456789abcdef0",
    "PublicSubnetIds": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    "PrivateSubnetIds": ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"],
    "NatGatewayPerAz": "true",
    "CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "ImageTag": "0123456789ab",
    "MigrationImageTag": "0123456789ab",
    "DbMultiAz": "true",
    "VisionBackend": "openai",
    "VisionBaseUrl": "https://api.openai.com/v1",
    "VisionModel": "gpt-4o-mini",
    "VisionApiKeySecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:stylist/openai-AbCdEf",
}


def _lint(parameters: dict[str, Any] | None) -> list[str]:
    api = importlib.import_module("cfnlint.api")  # by name: cfn-lint ships no type information
    config: dict[str, Any] = {"include_checks": ["I"], "regions": ["us-east-1", "eu-west-1"]}
    if parameters is not None:
        parameter_set = importlib.import_module("cfnlint.context.parameters").ParameterSet
        config["parameters"] = [parameter_set(source=None, parameters=parameters)]
    return [str(match) for match in api.lint_file(TEMPLATE_PATH, config=config)]


@pytest.mark.parametrize(
    "parameters", [None, EXISTING_VPC_WITH_HTTPS], ids=["defaults-new-vpc", "existing-vpc-https-remote-vision"]
)
def test_template_passes_cfn_lint(parameters: dict[str, Any] | None) -> None:
    assert _lint(parameters) == []


def test_template_fits_a_direct_cloudformation_deploy() -> None:
    # Past 51,200 bytes `aws cloudformation deploy` needs an S3 bucket to stage the template.
    assert TEMPLATE_PATH.stat().st_size < 51_200
