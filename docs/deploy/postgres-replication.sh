#!/bin/sh
# For compose.yaml: let the replica's role stream from the primary.
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
