# Helpers shared by deploy.sh and rollback.sh; sourced once STACK and the optional REGION argument are read.
# shellcheck shell=bash

require_tools() {  # require_tools <command>...: stop early, with a pointer to the prerequisites
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is required (see docs/deploy.md)." >&2; exit 69; }
  done
}

log() { printf '\n==> %s\n' "$*" >&2; }
awsr() { aws --region "$REGION" "$@"; }

output() {  # output <OutputKey>: one output of the stack ("None" when absent)
  awsr cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}

parameter() {  # parameter <ParameterKey>: the stack's current value ("" when the stack does not exist)
  awsr cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue | [0]" --output text 2>/dev/null || true
}

resolve_region() {  # sets REGION when none was given: AWS_REGION, AWS_DEFAULT_REGION, then the CLI profile
  REGION=${REGION:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null || true)}}}
  [[ -n $REGION ]] || { echo "No region: pass one or set AWS_REGION." >&2; exit 64; }
}
