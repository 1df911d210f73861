package dev.migrateportkey.report;

import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.GeneratedFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes {@code verify-concentrate.sh}: a POSIX sh + curl script that checks, in order, that the
 * Concentrate key is set and well-formed, that the gateway answers, that {@code GET /models} lists
 * every model slug the migrated code sends, (with {@code --live}) that one minimal request per slug
 * succeeds, and that no {@code PORTKEY_*} variable is left in the environment. One PASS or FAIL
 * line per check; exit 1 if any failed. The script holds no secret: the key is read from the
 * environment and handed to curl on stdin, never on a command line or in output.
 */
public final class VerifyScript {
    /** The file name used when {@code --verify-script} is given without one. */
    public static final String DEFAULT_NAME = "verify-concentrate.sh";

    /**
     * Model strings come from the scanned code; only those made of the characters a slug uses are
     * written into the script, so nothing in the code can inject shell syntax into it.
     */
    private static final Pattern SAFE_SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

    private VerifyScript() {
    }

    /** The script for the models of {@code plan}. */
    public static String render(MigrationPlan plan, RuleTable rules, String toolVersion) {
        TreeSet<String> slugs = new TreeSet<>();
        int unsafe = 0;
        for (ModelUse m : plan.models()) {
            if (SAFE_SLUG.matcher(m.slug()).matches()) {
                slugs.add(m.slug());
            } else {
                unsafe++;
            }
        }
        // Routing keywords (model "auto") are served but never listed by GET /models.
        List<String> catalogue = new ArrayList<>();
        List<String> routed = new ArrayList<>();
        for (String s : slugs) {
            (isRoutingKeyword(rules, s) ? routed : catalogue).add(s);
        }
        return TEMPLATE
                .replace("@VERSION@", toolVersion)
                .replace("@MARKER@", GeneratedFiles.MARKER)
                .replace("@UNSAFE@", unsafe == 0 ? "" : "# " + unsafe + " model string(s) found in the code were left out:"
                        + " they hold characters no slug has. Check them by hand.\n")
                .replace("@MODELS@", String.join("\n", catalogue))
                .replace("@ROUTED@", String.join("\n", routed));
    }

    private static final String TEMPLATE = """
            #!/bin/sh
            # verify-concentrate.sh: checks that this environment is ready for the code migrated off
            # Portkey onto Concentrate AI. Written by migrate-portkey @VERSION@. It holds no secret.
            #
            # Usage:  sh verify-concentrate.sh [--live]
            #   CONCENTRATE_API_KEY   your Concentrate key (sk-cn-v1-...); read from the environment, never printed
            #   CONCENTRATE_BASE_URL  the API base URL (default: https://api.concentrate.ai/v1)
            #   --live                also send one minimal request per model (spends a few tokens)
            #
            # Prints one PASS, FAIL or SKIP line per check; exits 1 if any check failed, 2 on a usage error.
            # @MARKER@: migrate-portkey check and rewrite pass this file by.
            set -u
            set -f

            base_url="${CONCENTRATE_BASE_URL:-https://api.concentrate.ai/v1}"
            base_url="${base_url%/}"
            live=0
            for arg in "$@"; do
              case "$arg" in
                --live) live=1 ;;
                -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
                *) echo "verify-concentrate.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
              esac
            done

            # Model slugs the migrated code sends, one per line (from migrate-portkey's plan).
            models='@MODELS@'
            # Routing keywords the code sends: served, but not listed by GET /models.
            routed='@ROUTED@'
            @UNSAFE@
            failed=0
            pass() { printf 'PASS %s\\n' "$*"; }
            fail() { printf 'FAIL %s\\n' "$*"; failed=$((failed + 1)); }

            if ! command -v curl >/dev/null 2>&1; then
              fail "curl is installed (it is not: install curl and run again)"
              exit 1
            fi
            body=$(mktemp "${TMPDIR:-/tmp}/verify-concentrate.XXXXXX") || exit 2
            trap 'rm -f "$body"' EXIT
            trap 'exit 2' INT TERM

            # request METHOD PATH [JSON-BODY]: sets $status to the HTTP status (000: no answer) and leaves
            # the response body in $body. The key reaches curl on stdin, not on its command line.
            key_config() { printf 'header = "Authorization: Bearer %s"\\n' "${CONCENTRATE_API_KEY:-}"; }
            request() {
              : > "$body"
              if [ $# -ge 3 ]; then
                status=$(key_config | curl -sS -K - -o "$body" -w '%{http_code}' --connect-timeout 10 --max-time 60 \\
                  -X "$1" -H 'Content-Type: application/json' --data "$3" "$base_url$2" 2>/dev/null) || true
              else
                status=$(key_config | curl -sS -K - -o "$body" -w '%{http_code}' --connect-timeout 10 --max-time 60 \\
                  -X "$1" "$base_url$2" 2>/dev/null) || true
              fi
              case "$status" in [0-9][0-9][0-9]) ;; *) status=000 ;; esac
            }
            ok() { case "$status" in 2??) return 0 ;; *) return 1 ;; esac; }
            why() {
              case "$status" in
                000) echo "no answer: check CONCENTRATE_BASE_URL ($base_url) and the network" ;;
                401|403) echo "HTTP $status: the key was refused; check it in the Concentrate dashboard" ;;
                *) echo "HTTP $status" ;;
              esac
            }

            # 1. The key is set and is a Concentrate key. Any other key (a Portkey or provider key
            # still in the environment) is not sent: it would only travel to a third party to be refused.
            send=1
            case "${CONCENTRATE_API_KEY:-}" in
              '') fail "CONCENTRATE_API_KEY is set (it is not: export your Concentrate key)" ;;
              sk-cn-v1-*) pass "CONCENTRATE_API_KEY is set and starts with sk-cn-v1-" ;;
              *) fail "CONCENTRATE_API_KEY starts with sk-cn-v1- (it does not: a Portkey or provider key will get a 401)"
                 send=0 ;;
            esac

            if [ "$send" = 1 ]; then
              # 2. The gateway answers.
              request GET /responses/health
              if ok; then pass "GET $base_url/responses/health answers"
              else fail "GET $base_url/responses/health answers ($(why))"; fi

              # 3. Every model slug the code sends is served.
              request GET /models
              if ! ok; then
                fail "GET $base_url/models lists the models the code uses ($(why))"
              else
                listed=$(tr -d ' \\t\\r\\n' < "$body")
                missing=''
                count=0
                for m in $models; do
                  count=$((count + 1))
                  case "$listed" in *"\\"id\\":\\"$m\\""*) ;; *) missing="$missing $m" ;; esac
                done
                if [ -n "$missing" ]; then
                  fail "GET /models lists every model the code uses (missing:$missing; pick a slug GET /v1/models returns)"
                elif [ "$count" -eq 0 ]; then
                  pass "GET /models answers (the migrated code names no model slug to look for)"
                else
                  pass "GET /models lists every model the code uses ($count)"
                fi
              fi

              # 4. With --live: one minimal request per model.
              if [ "$live" = 1 ]; then
                for m in $models $routed; do
                  request POST /responses "{\\"model\\":\\"$m\\",\\"input\\":\\"Reply with OK\\",\\"max_output_tokens\\":16}"
                  if ok; then pass "POST /responses with model $m answers"
                  else fail "POST /responses with model $m answers ($(why))"; fi
                done
              fi
            else
              echo "SKIP the gateway and model checks: the key above is not sent to $base_url; set CONCENTRATE_API_KEY to your sk-cn-v1- key and run again"
            fi

            # 5. Nothing still points at Portkey.
            left=$(env | sed -n 's/^\\(PORTKEY_[A-Za-z0-9_]*\\)=.*/\\1/p' | LC_ALL=C sort | tr '\\n' ' ')
            if [ -z "$left" ]; then pass "no PORTKEY_* variable is set"
            else fail "no PORTKEY_* variable is set (still set: ${left% }; unset them once the migration is verified)"; fi

            if [ "$failed" -gt 0 ]; then
              echo "$failed check(s) failed."
              exit 1
            fi
            echo "All checks passed."
            """;

    /** A model rule that routes ({@code auto}) names a keyword, not a catalogue entry; author rules do not. */
    private static boolean isRoutingKeyword(RuleTable rules, String slug) {
        return rules.find(RuleKind.MODEL, slug).filter(r -> r.action() == Action.TO_ROUTING).isPresent();
    }
}
