#!/usr/bin/env bash
# Put an earlier image back into service (the stack's template and other parameters stay as they are).
#
#   deploy/rollback.sh <stack-name>                    lists the running tag and the most recent images
#   deploy/rollback.sh <stack-name> <image-tag> [region]
#
# Only the code goes back: migrations are forward-only, which is why each release's migrations must keep
# working with the release before it (see docs/deploy.md).
set -euo pipefail

usage() {
  echo "usage: $0 <stack-name> [image-tag [region]]" >&2
  exit 64
}
[[ $# -ge 1 && $# -le 3 ]] || usage
STACK=$1
TAG=${2:-}
REGION=${3:-}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/common.sh
source "$ROOT/deploy/common.sh"
require_tools aws
resolve_region

REPOSITORY_URI=$(output RepositoryUri)
REPOSITORY=${REPOSITORY_URI#*/}
if [[ -z $TAG ]]; then
  echo "Running: $(parameter ImageTag). The ten most recent images (pushed, tag):"
  awsr ecr describe-images --repository-name "$REPOSITORY" \
    --query 'sort_by(imageDetails, &imagePushedAt)[-10:].[imagePushedAt, imageTags[0]]' --output text
  exit 0
fi
if ! awsr ecr describe-images --repository-name "$REPOSITORY" --image-ids imageTag="$TAG" >/dev/null 2>&1; then
  echo "No image $REPOSITORY_URI:$TAG." >&2
  exit 1
fi

log "Rolling $STACK back to $TAG"
parameters=("ParameterKey=ImageTag,ParameterValue=$TAG")
for key in $(awsr cloudformation describe-stacks --stack-name "$STACK" \
  --query 'Stacks[0].Parameters[].ParameterKey' --output text); do
  [[ $key == ImageTag ]] || parameters+=("ParameterKey=$key,UsePreviousValue=true")
done
awsr cloudformation update-stack --stack-name "$STACK" --use-previous-template --capabilities CAPABILITY_IAM \
  --parameters "${parameters[@]}" >/dev/null
awsr cloudformation wait stack-update-complete --stack-name "$STACK"
awsr ecs wait services-stable --cluster "$(output ClusterName)" --services "$(output ServiceName)"
echo "Running $TAG: $(output ServiceUrl)"
