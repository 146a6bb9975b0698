#!/usr/bin/env bash
# Build, push, migrate and roll out the AI Stylist on ECS Fargate, creating the stack on first use.
#
#   deploy/deploy.sh <stack-name> [region]
#
# Extra stack parameters (first deploy, or to change them): STACK_PARAMETERS="CertificateArn=arn:... MinTasks=3".
# Parameters not given keep their current values. Needs the AWS CLI v2, Docker and git.
set -euo pipefail

usage() {
  echo "usage: $0 <stack-name> [region]" >&2
  exit 64
}
[[ $# -ge 1 && $# -le 2 ]] || usage
STACK=$1
REGION=${2:-}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/common.sh
source "$ROOT/deploy/common.sh"
require_tools aws docker git
resolve_region
TEMPLATE=$ROOT/deploy/stack.yaml
read -r -a EXTRA_PARAMETERS <<<"${STACK_PARAMETERS:-}"

deploy_stack() {  # deploy_stack [Key=Value ...]: create or update; unnamed parameters keep their values
  local overrides=(${EXTRA_PARAMETERS[@]+"${EXTRA_PARAMETERS[@]}"} "$@")  # this form: macOS bash 3.2 and set -u
  local args=(--stack-name "$STACK" --template-file "$TEMPLATE" --capabilities CAPABILITY_IAM
    --no-fail-on-empty-changeset)
  if ((${#overrides[@]})); then
    args+=(--parameter-overrides "${overrides[@]}")
  fi
  if ! awsr cloudformation deploy "${args[@]}"; then
    echo "Stack update failed; the most recent failures:" >&2
    awsr cloudformation describe-stack-events --stack-name "$STACK" --max-items 40 \
      --query "StackEvents[?contains(ResourceStatus, 'FAILED')].[LogicalResourceId, ResourceStatusReason]" \
      --output text >&2 || true
    exit 1
  fi
}

# Immutable tags: the commit, plus a timestamp when the working tree has uncommitted changes.
TAG=$(git -C "$ROOT" rev-parse --short=12 HEAD)
if [[ -n $(git -C "$ROOT" status --porcelain) ]]; then
  TAG=$TAG-dirty-$(date -u +%Y%m%d%H%M%S)
  echo "Warning: uncommitted changes; deploying them as $TAG." >&2
fi
PREVIOUS_TAG=$(parameter ImageTag)

log "1/5 Stack $STACK in $REGION: infrastructure (the service keeps its current image)"
deploy_stack

REPOSITORY_URI=$(output RepositoryUri)
REGISTRY=${REPOSITORY_URI%%/*}
REPOSITORY=${REPOSITORY_URI#*/}

log "2/5 Image $REPOSITORY_URI:$TAG"
if awsr ecr describe-images --repository-name "$REPOSITORY" --image-ids imageTag="$TAG" >/dev/null 2>&1; then
  echo "Already in ECR; not rebuilding." >&2
else
  docker build --platform linux/amd64 --tag "$REPOSITORY_URI:$TAG" "$ROOT"
  awsr ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY"
  docker push "$REPOSITORY_URI:$TAG"
fi

# Migrations run before the new code takes traffic, so they must keep working with the code still running
# (add columns and tables first, drop them a release later).
log "3/5 Migrations: alembic upgrade head as a one-off task"
deploy_stack MigrationImageTag="$TAG"
CLUSTER=$(output ClusterName)
TASK_ARN=$(awsr ecs run-task \
  --cluster "$CLUSTER" \
  --task-definition "$(output MigrationTaskDefinitionArn)" \
  --launch-type FARGATE \
  --started-by deploy.sh \
  --network-configuration "awsvpcConfiguration={subnets=[$(output TaskSubnetIds)],securityGroups=[$(output TaskSecurityGroupId)],assignPublicIp=DISABLED}" \
  --overrides '{"containerOverrides": [{"name": "migrate", "command": ["alembic", "upgrade", "head"]}]}' \
  --query 'tasks[0].taskArn' --output text)
[[ $TASK_ARN == arn:* ]] || { echo "The migration task did not start." >&2; exit 1; }
awsr ecs wait tasks-stopped --cluster "$CLUSTER" --tasks "$TASK_ARN"
EXIT_CODE=$(awsr ecs describe-tasks --cluster "$CLUSTER" --tasks "$TASK_ARN" \
  --query "tasks[0].containers[?name=='migrate'].exitCode | [0]" --output text)
if [[ $EXIT_CODE != 0 ]]; then
  echo "Migration failed (exit code $EXIT_CODE); the service still runs ${PREVIOUS_TAG:-nothing}." >&2
  awsr ecs describe-tasks --cluster "$CLUSTER" --tasks "$TASK_ARN" --query 'tasks[0].stoppedReason' \
    --output text >&2 || true
  echo "Logs: aws logs tail $(output LogGroupName) --region $REGION --log-stream-names migrate/migrate/${TASK_ARN##*/}" >&2
  exit 1
fi

log "4/5 Rolling out $TAG (the circuit breaker rolls back a release whose tasks do not become healthy)"
deploy_stack ImageTag="$TAG" MigrationImageTag="$TAG"

log "5/5 Waiting for the service to be stable"
SERVICE=$(output ServiceName)
# The template leaves the desired count to the autoscaler, and a new service starts with one task.
MIN_TASKS=$(parameter MinTasks)
DESIRED=$(awsr ecs describe-services --cluster "$CLUSTER" --services "$SERVICE" \
  --query 'services[0].desiredCount' --output text)
if ((DESIRED < MIN_TASKS)); then
  awsr ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --desired-count "$MIN_TASKS" >/dev/null
fi
awsr ecs wait services-stable --cluster "$CLUSTER" --services "$SERVICE"

echo "Deployed $TAG: $(output ServiceUrl)"
if [[ -n $PREVIOUS_TAG && $PREVIOUS_TAG != None && $PREVIOUS_TAG != "$TAG" ]]; then
  echo "Roll back with: deploy/rollback.sh $STACK $PREVIOUS_TAG $REGION"
fi
