#!/usr/bin/env bash
# The house style, checked (`make lint`, part of `make test`) or applied (`make format`):
#   - swift-format with the committed .swift-format (4 spaces, 120 columns, one declaration per line,
#     lowerCamelCase names, no semicolons…), in --strict mode so that a warning fails;
#   - no line of Swift over 120 columns, string literals included (swift-format leaves those alone).
#
#   scripts/lint.sh           check; exit 1 and list what is wrong
#   scripts/lint.sh --fix     format in place, then check what formatting cannot fix
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

paths=(Package.swift Sources Tests Fuzz)
if [[ "${1:-}" == "--fix" ]]; then
    swift format format --in-place --recursive --parallel "${paths[@]}"
fi

status=0
if ! swift format lint --strict --recursive --parallel "${paths[@]}"; then
    status=1
fi
if long=$(grep -rn --include='*.swift' -E '^.{121,}$' "${paths[@]}"); then
    echo "$long" | cut -c1-160 | sed 's/^/over 120 columns: /'
    echo "lint: $(echo "$long" | wc -l) line(s) over 120 columns: break the string or the expression"
    status=1
fi
if [[ $status -eq 0 ]]; then echo "lint: swift-format and 120 columns, clean"; fi
exit $status
