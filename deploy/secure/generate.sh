#!/usr/bin/env bash
# Writes what the compose `secure` profile needs into deploy/secure/generated/ (or the folder given): a CA, the
# registry's TLS key store signed by it, a trust store for the clients, a credentials file with one PBKDF2-hashed
# password per user, and one .env file per container with its password. Passwords are random and shown once, at
# the end; nothing here is committed (.gitignore). Run it again to start over (the stack must be restarted).
#
# Needs a JDK 17+ (keytool, and ./avrogate for `avrogate passwd`). Without one, run it in the image:
#   docker compose build image && docker run --rm -u "$(id -u)" -v "$PWD:/work" -w /work --entrypoint bash \
#     -e AVROGATE="java -cp /app/avrogate-cli.jar:/app/lib/* io.avrogate.cli.Main" avrogate:local deploy/secure/generate.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/generated}"
avrogate="${AVROGATE:-$here/../../avrogate}"
users=(admin:admins ingest:readers consumer:readers bridge:readers metrics:monitoring)

password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24; }

rm -rf "$out" && mkdir -p "$out" && chmod 700 "$out"
cd "$out"
store_password="$(password)"

# A CA of our own, valid for two years, and the registry's key signed by it for every name clients use.
keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=avrogate compose CA" -validity 730 \
  -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass "$store_password" -noprompt 2>/dev/null
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$store_password" -file "$out/ca.crt"
keytool -genkeypair -alias registry -keyalg EC -groupname secp256r1 -dname "CN=schema-registry" -validity 730 \
  -keystore registry.p12 -storetype PKCS12 -storepass "$store_password" -noprompt 2>/dev/null
keytool -certreq -alias registry -keystore registry.p12 -storepass "$store_password" -file registry.csr
keytool -gencert -alias ca -keystore ca.p12 -storepass "$store_password" -infile registry.csr -outfile registry.crt \
  -validity 730 -ext "SAN=dns:schema-registry,dns:registry-secure,dns:localhost,ip:127.0.0.1" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth -rfc
keytool -importcert -alias ca -file "$out/ca.crt" -keystore registry.p12 -storepass "$store_password" -noprompt >/dev/null
keytool -importcert -alias registry -file registry.crt -keystore registry.p12 -storepass "$store_password" -noprompt >/dev/null
rm -f registry.csr registry.crt
# The clients' trust store holds only the CA's certificate: public, so stored without a password.
keytool -importcert -alias ca -file "$out/ca.crt" -keystore truststore.p12 -storetype PKCS12 -storepass "$store_password" \
  -noprompt -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE >/dev/null
echo "SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD=$store_password" > "$out/registry.env"

# One user per container, each with its role of acl.yaml.
: > credentials
summary=""
for entry in "${users[@]}"; do
  user="${entry%%:*}" role="${entry##*:}" pw="$(password)"
  printf '%s\n' "$pw" | $avrogate passwd "$user" --role "$role" >> credentials
  summary+="  $user ($role): $pw"$'\n'
  case "$user" in
    admin) echo "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=admin:$pw" > "$out/admin.env" ;;
    ingest) echo "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO=ingest:$pw" > "$out/ingest.env" ;;
    # consume and bridge take the registry only from SCHEMA_REGISTRY_URL: the credentials ride in its user info.
    consumer) echo "SCHEMA_REGISTRY_URL=https://consumer:$pw@schema-registry:8081" > "$out/consumer.env" ;;
    bridge) echo "SCHEMA_REGISTRY_URL=https://bridge:$pw@schema-registry:8081" > "$out/bridge.env" ;;
  esac
done
chmod 600 "$out"/*.env credentials ca.p12 registry.p12

echo "written to $out: ca.crt, registry.p12, truststore.p12, credentials, registry.env, admin.env, ingest.env, consumer.env, bridge.env"
echo "users (shown once):"
printf '%s' "$summary"
echo "try: curl --cacert $out/ca.crt -u admin:PASSWORD https://localhost:8081/subjects"
