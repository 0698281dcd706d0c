#!/bin/sh
# azd preprovision hook: the secrets main.bicep requires are generated once per azd environment, when absent, and
# kept there so a redeploy passes the same values (the deployment writes them to Key Vault only). Set one yourself
# first (azd env set INBOUND_EMAIL_WEBHOOK_SECRET ...) to use your own value.
set -eu
for name in INBOUND_EMAIL_WEBHOOK_SECRET NOTIFY_REPLY_TOKEN_KEY SMS_ACCESS_CODE_KEY; do
  if [ -z "$(azd env get-value "$name" 2>/dev/null || true)" ]; then
    azd env set "$name" "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >/dev/null
    echo "Generated $name in the azd environment."
  fi
done
