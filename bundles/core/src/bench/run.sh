#!/bin/sh
# Builds and runs the JMH benchmarks of src/bench/java against the core's classes, outside the
# Maven build (JMH is not a dependency of the bundle). Needs target/classes: first
#   mvn -B -o -q verify -pl bundles/core -am -DskipTests
# Usage (from bundles/core): src/bench/run.sh [JMH options], e.g. src/bench/run.sh -prof gc
set -e
cd "$(dirname "$0")/../.."
M2=${M2:-$HOME/.m2/repository}
JMH=1.37
CP="$M2/org/openjdk/jmh/jmh-core/$JMH/jmh-core-$JMH.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
CP="$CP:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
CP="$CP:target/classes:../api/target/classes"
OUT=target/bench-classes
rm -rf "$OUT"
mkdir -p "$OUT"
javac -d "$OUT" -cp "$CP" -processorpath "$CP:$M2/org/openjdk/jmh/jmh-generator-annprocess/$JMH/jmh-generator-annprocess-$JMH.jar" \
    $(find src/bench/java -name '*.java')
# JMH_RUN overrides the short default run, e.g. JMH_RUN="-f 3 -wi 5 -i 10"
exec java -cp "$OUT:$CP" org.openjdk.jmh.Main ${JMH_RUN:--f 1 -wi 3 -w 1s -i 5 -r 1s} "$@" "${JMH_BENCH:-RecentRequestsBench}"
