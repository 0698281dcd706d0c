#!/bin/sh
# azd preprovision hook: the secrets main.bicep requires are generated once per azd environment, when absent, and
# kept there so a redeploy passes the same values (the deployment writes them to Key Vault only). Set one yourself
# first (azd env set INBOUND_EMAIL_WEBHOOK_SECRET ...) to use your own value.
#
# --rotate-data-protection-kek: a new key-encryption key for the data-protection key ring; the current one is added
# to DATA_PROTECTION_KEK_PREVIOUS, so the keys it wrapped stay readable (docs/security.md, "Keys at rest"). Run
# `azd provision` after it.
set -eu
for name in INBOUND_EMAIL_WEBHOOK_SECRET NOTIFY_REPLY_TOKEN_KEY SMS_ACCESS_CODE_KEY; do
  if [ -z "$(azd env get-value "$name" 2>/dev/null || true)" ]; then
    azd env set "$name" "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >/dev/null
    echo "Generated $name in the azd environment."
  fi
done

# The key-encryption key is base64 of 32 random bytes: the app uses it as an AES-256 key, not as a passphrase.
new_kek() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
current=$(azd env get-value DATA_PROTECTION_KEK 2>/dev/null || true)
if [ "${1:-}" = "--rotate-data-protection-kek" ] && [ -n "$current" ]; then
  previous=$(azd env get-value DATA_PROTECTION_KEK_PREVIOUS 2>/dev/null || true)
  azd env set DATA_PROTECTION_KEK_PREVIOUS "$current${previous:+,$previous}" >/dev/null
  current=""
  echo "Moved DATA_PROTECTION_KEK to DATA_PROTECTION_KEK_PREVIOUS."
fi
if [ -z "$current" ]; then
  azd env set DATA_PROTECTION_KEK "$(new_kek)" >/dev/null
  echo "Generated DATA_PROTECTION_KEK in the azd environment."
fi
