# Sourced by .ci/run and ./sextant: exports JAVA_HOME pointing at a JDK >= 25.
# Uses $JAVA_HOME when it already is one, else searches /usr/lib/jvm (newest first).
sextant_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
sextant_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(sextant_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  local d v
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    v=$(sextant_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$d"; return 0; fi
  done
  echo "error: no JDK 25 or newer found (set JAVA_HOME to one, or install one under /usr/lib/jvm)" >&2
  return 1
}
sextant_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
