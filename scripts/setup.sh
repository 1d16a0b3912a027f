#!/usr/bin/env bash
# Installs what pith needs to build and test, with apt-get, only what is missing.
# Safe to run again: installed packages are left as they are.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config python3
  libgumbo-dev libcurl4-openssl-dev libpcre2-dev libboost-test-dev
  nlohmann-json3-dev zlib1g-dev libcld2-dev libuchardet-dev libicu-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
