"""What the stack promises about security, health, scaling and logs, read from the template itself."""

from typing import Any

from tests.deploy.cfn import properties, references, resources_of_type, template

PRIVATE_SUBNETS = {"PrivateSubnet1", "PrivateSubnet2", "PrivateSubnetIds"}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_bucket_is_private_encrypted_and_tls_only() -> None:
    bucket = properties("ImagesBucket")
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms", "aws:kms:dsse"}
    policy = properties("ImagesBucketPolicy")
    assert policy["Bucket"] == {"Ref": "ImagesBucket"}
    assert any(
        statement["Effect"] == "Deny" and statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for statement in policy["PolicyDocument"]["Statement"]
    )
    assert template()["Resources"]["ImagesBucket"]["DeletionPolicy"] == "Retain"


def test_database_is_encrypted_private_and_in_private_subnets() -> None:
    database = properties("Database")
    assert database["StorageEncrypted"] is True
    assert database["PubliclyAccessible"] is False
    assert database["MultiAZ"] == {"Ref": "DbMultiAz"}
    assert database["Engine"] == "postgres"
    assert references(properties("DatabaseSubnetGroup")["SubnetIds"]) <= PRIVATE_SUBNETS
    assert template()["Resources"]["Database"]["DeletionPolicy"] == "Snapshot"


def test_security_groups_chain_load_balancer_to_tasks_to_database() -> None:
    alb_ports = {rule["FromPort"] for rule in properties("LoadBalancerSecurityGroup")["SecurityGroupIngress"]}
    assert alb_ports == {80, 443}
    assert "SecurityGroupIngress" not in properties("TaskSecurityGroup")
    task_ingress = resources_of_type("AWS::EC2::SecurityGroupIngress")
    assert [body["Properties"]["GroupId"] for body in task_ingress.values()] == [
        {"Fn::GetAtt": ["TaskSecurityGroup", "GroupId"]}
    ]
    (from_alb,) = (body["Properties"] for body in task_ingress.values())
    assert from_alb["SourceSecurityGroupId"] == {"Fn::GetAtt": ["LoadBalancerSecurityGroup", "GroupId"]}
    (to_database,) = properties("DatabaseSecurityGroup")["SecurityGroupIngress"]
    assert to_database["SourceSecurityGroupId"] == {"Fn::GetAtt": ["TaskSecurityGroup", "GroupId"]}
    assert (to_database["FromPort"], to_database["ToPort"]) == (5432, 5432)


def test_service_runs_privately_with_a_rolling_back_circuit_breaker() -> None:
    service = properties("Service")
    deployment = service["DeploymentConfiguration"]
    assert deployment["DeploymentCircuitBreaker"] == {"Enable": True, "Rollback": True}
    assert deployment["MinimumHealthyPercent"] >= 100  # never below capacity during a release
    network = service["NetworkConfiguration"]["AwsvpcConfiguration"]
    assert network["AssignPublicIp"] == "DISABLED"
    assert references(network["Subnets"]) <= PRIVATE_SUBNETS
    assert "DesiredCount" not in service  # else every stack update resets the autoscaled count
    assert service["LaunchType"] == "FARGATE"


def test_load_balancer_checks_readiness_and_redirects_to_https_with_a_certificate() -> None:
    target_group = properties("TargetGroup")
    assert target_group["HealthCheckPath"] == "/health/ready"
    assert target_group["TargetType"] == "ip"
    condition, with_certificate, without = properties("HttpListener")["DefaultActions"]["Fn::If"]
    assert condition == "HasCertificate"
    assert with_certificate[0]["Type"] == "redirect"
    assert with_certificate[0]["RedirectConfig"]["Protocol"] == "HTTPS"
    assert without[0] == {"Type": "forward", "TargetGroupArn": {"Ref": "TargetGroup"}}
    assert template()["Resources"]["HttpsListener"]["Condition"] == "HasCertificate"
    assert properties("HttpsListener")["Certificates"] == [{"CertificateArn": {"Ref": "CertificateArn"}}]


def test_service_scales_on_cpu_and_on_requests_per_task() -> None:
    target = properties("ScalableTarget")
    assert (target["MinCapacity"], target["MaxCapacity"]) == ({"Ref": "MinTasks"}, {"Ref": "MaxTasks"})
    assert "Service" in references(target["ResourceId"])
    metrics = {}
    for body in resources_of_type("AWS::ApplicationAutoScaling::ScalingPolicy").values():
        policy = body["Properties"]
        assert policy["PolicyType"] == "TargetTrackingScaling"
        assert policy["ScalingTargetId"] == {"Ref": "ScalableTarget"}
        specification = policy["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]
        metrics[specification["PredefinedMetricType"]] = specification
    assert set(metrics) == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}
    label = metrics["ALBRequestCountPerTarget"]["ResourceLabel"]
    assert references(label) == {"LoadBalancer", "TargetGroup"}


def test_task_role_reaches_only_the_images_bucket() -> None:
    allowed = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"}
    task_role = properties("TaskRole")
    assert "ManagedPolicyArns" not in task_role
    for policy in task_role["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow"
            assert set(_as_list(statement["Action"])) <= allowed
            for resource in _as_list(statement["Resource"]):
                assert isinstance(resource, dict), f"literal resource {resource!r} in the task role"
                assert references(resource) == {"ImagesBucket"}
    object_actions = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}
    statements = [s for p in task_role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    by_action = {action: statement["Resource"] for statement in statements for action in _as_list(statement["Action"])}
    assert by_action["s3:ListBucket"] == {"Fn::GetAtt": ["ImagesBucket", "Arn"]}
    assert all(by_action[action] == {"Fn::Sub": "${ImagesBucket.Arn}/*"} for action in object_actions)


def test_execution_role_reads_only_the_stack_s_secrets() -> None:
    statements = properties("ExecutionRole")["Policies"][0]["PolicyDocument"]["Statement"]
    (secrets,) = (s for s in statements if s["Action"] == "secretsmanager:GetSecretValue")
    assert references(secrets["Resource"]) == {"DatabaseUrlSecret", "VisionApiKeySecretArn"}
    wildcard = [s["Action"] for s in statements if s["Resource"] == "*"]
    assert wildcard == ["ecr:GetAuthorizationToken"]  # the one action without resource-level permissions


def test_logs_have_a_retention_and_every_container_writes_there() -> None:
    assert properties("LogGroup")["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    for body in resources_of_type("AWS::ECS::TaskDefinition").values():
        for container in body["Properties"]["ContainerDefinitions"]:
            logging = container["LogConfiguration"]
            assert logging["LogDriver"] == "awslogs"
            assert logging["Options"]["awslogs-group"] == {"Ref": "LogGroup"}


def test_images_come_from_the_stack_s_immutable_repository() -> None:
    repository = properties("Repository")
    assert repository["ImageTagMutability"] == "IMMUTABLE"
    assert repository["ImageScanningConfiguration"] == {"ScanOnPush": True}
    for body in resources_of_type("AWS::ECS::TaskDefinition").values():
        for container in body["Properties"]["ContainerDefinitions"]:
            assert "Repository" in references(container["Image"])


def test_stack_needs_only_capability_iam() -> None:
    # deploy.sh passes CAPABILITY_IAM; named IAM resources would need CAPABILITY_NAMED_IAM.
    for body in resources_of_type("AWS::IAM::Role").values():
        assert "RoleName" not in body["Properties"]
