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

# The data-protection key ring is wrapped by a Key Vault key that Bicep creates (docs/security.md, "Keys at rest"):
# nothing to generate for it. DATA_PROTECTION_KEK, the secret key-encryption key used before, is no longer generated;
# an environment that has one keeps passing it (so keys it wrapped stay readable) until `azd env unset` 90 days on.
