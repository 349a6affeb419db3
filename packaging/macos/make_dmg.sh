#!/usr/bin/env bash
# Build dist/CareerDesk-<version>-macos-<arch>.dmg from dist/CareerDesk.app (`make dist` on a
# Mac), then sign and notarise it when the credentials are in the environment:
#
#   CAREERDESK_CODESIGN_IDENTITY  "Developer ID Application: ..." (also read by build.spec,
#                                 which signs every binary and the .app with the hardened
#                                 runtime and packaging/macos/entitlements.plist)
#   CAREERDESK_NOTARY_PROFILE     a `xcrun notarytool store-credentials` keychain profile, or
#   CAREERDESK_NOTARY_APPLE_ID + CAREERDESK_NOTARY_TEAM_ID + CAREERDESK_NOTARY_PASSWORD
#                                 (an app-specific password)
#
# Unset, the signing and notarisation steps are skipped and say so: the DMG still works
# locally (Gatekeeper will ask the user to confirm the first start).
# Usage: packaging/macos/make_dmg.sh [path/to/CareerDesk.app]
set -euo pipefail
cd "$(dirname "$0")/../.."

app=${1:-dist/CareerDesk.app}
[ -d "$app" ] || { echo "no app bundle at $app: run 'make dist' on macOS first" >&2; exit 2; }
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' careerdesk/__init__.py)
dmg="dist/CareerDesk-${version}-macos-$(uname -m).dmg"
identity=${CAREERDESK_CODESIGN_IDENTITY:-}

# 1. The .app: build.spec signed it when an identity was set; prove the signature holds.
if [ -n "$identity" ]; then
  codesign --verify --deep --strict --verbose=2 "$app"
  codesign --display --entitlements - "$app" | grep -q "device.camera\|device.audio-input" \
    && { echo "entitlements must not include camera or microphone" >&2; exit 1; }
else
  echo "CAREERDESK_CODESIGN_IDENTITY unset: app left ad-hoc signed, DMG unsigned"
fi

# 2. The disk image: the app and a link to /Applications to drag it onto.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "CareerDesk $version" -srcfolder "$stage" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$dmg"

# 3. Sign the image itself.
if [ -n "$identity" ]; then
  codesign --force --timestamp --sign "$identity" "$dmg"
fi

# 4. Notarise and staple, so Gatekeeper accepts it offline.
notary_auth=()
if [ -n "${CAREERDESK_NOTARY_PROFILE:-}" ]; then
  notary_auth=(--keychain-profile "$CAREERDESK_NOTARY_PROFILE")
elif [ -n "${CAREERDESK_NOTARY_APPLE_ID:-}" ] && [ -n "${CAREERDESK_NOTARY_TEAM_ID:-}" ] \
  && [ -n "${CAREERDESK_NOTARY_PASSWORD:-}" ]; then
  notary_auth=(--apple-id "$CAREERDESK_NOTARY_APPLE_ID" --team-id "$CAREERDESK_NOTARY_TEAM_ID"
               --password "$CAREERDESK_NOTARY_PASSWORD")
fi
if [ -n "$identity" ] && [ ${#notary_auth[@]} -gt 0 ]; then
  xcrun notarytool submit "$dmg" "${notary_auth[@]}" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
else
  echo "notarisation skipped (needs CAREERDESK_CODESIGN_IDENTITY and notary credentials)"
fi

echo "$dmg ($(du -h "$dmg" | cut -f1))"
