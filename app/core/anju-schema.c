/* anju-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anju-schema.h"

static const AnjuMigration migrations[] = {
  { 1,
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"

    "CREATE TABLE users ("
    "  id TEXT PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('consultant','finance','manager','admin')),"
    "  password_hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL);"

    "CREATE TABLE projects ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  city TEXT,"
    "  developer TEXT,"
    "  address TEXT,"
    "  hotline TEXT,"
    "  segmentation_model TEXT NOT NULL DEFAULT 'vanke',"
    "  created_at TEXT NOT NULL);"

    "CREATE TABLE buildings ("
    "  id TEXT PRIMARY KEY,"
    "  project_id TEXT NOT NULL REFERENCES projects(id),"
    "  name TEXT NOT NULL,"
    "  floors INTEGER NOT NULL CHECK (floors > 0),"
    "  units_per_floor INTEGER NOT NULL CHECK (units_per_floor > 0),"
    "  UNIQUE (project_id, name));"

    "CREATE TABLE units ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  floor INTEGER NOT NULL,"
    "  number TEXT NOT NULL,"
    "  layout TEXT NOT NULL,"
    "  orientation TEXT,"
    "  gross_area INTEGER NOT NULL CHECK (gross_area > 0),"   /* 0.01 m² */
    "  inner_area INTEGER NOT NULL CHECK (inner_area > 0),"
    "  list_price INTEGER NOT NULL CHECK (list_price >= 0),"  /* fen */
    "  status TEXT NOT NULL DEFAULT 'available'"
    "    CHECK (status IN ('available','held','subscribed','signed','not_for_sale')),"
    "  UNIQUE (building_id, number));"

    "CREATE TABLE customers ("
    "  id TEXT PRIMARY KEY,"
    "  project_id TEXT REFERENCES projects(id),"
    "  name TEXT NOT NULL,"
    "  title TEXT,"
    "  mobile TEXT,"
    "  id_number TEXT,"
    "  owner_id TEXT REFERENCES users(id),"
    "  segment TEXT,"
    "  segment_source TEXT CHECK (segment_source IN ('suggested','manual')),"
    "  profile TEXT NOT NULL DEFAULT '{}',"
    "  created_by TEXT REFERENCES users(id),"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX customers_mobile ON customers (mobile) WHERE mobile IS NOT NULL;"
    "CREATE INDEX customers_id_number ON customers (id_number);"
    "CREATE INDEX customers_name ON customers (name);"
    "CREATE INDEX customers_owner ON customers (owner_id);"

    "CREATE TABLE audit ("
    "  seq INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  actor_id TEXT,"
    "  command_id TEXT,"
    "  action TEXT NOT NULL,"
    "  subject TEXT,"
    "  detail TEXT);"

    "CREATE TABLE outbox ("
    "  seq INTEGER PRIMARY KEY,"
    "  command_id TEXT NOT NULL UNIQUE,"
    "  command TEXT NOT NULL,"
    "  actor_id TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"

    "CREATE TABLE applied_commands ("
    "  command_id TEXT PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  actor_id TEXT,"
    "  result TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL);"

    "CREATE TABLE changes ("
    "  seq INTEGER PRIMARY KEY,"
    "  command_id TEXT,"
    "  tbl TEXT NOT NULL,"
    "  row_id TEXT NOT NULL,"
    "  row_json TEXT);"
  },
  { 2,
    /* The customer timeline: every contact and event, newest first. Later
     * workflows (calls, visits, deals) append their own kinds. */
    "CREATE TABLE customer_events ("
    "  id TEXT PRIMARY KEY,"
    "  customer_id TEXT NOT NULL REFERENCES customers(id),"
    "  at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  actor_id TEXT REFERENCES users(id),"
    "  summary TEXT NOT NULL,"
    "  detail TEXT);"
    "CREATE INDEX customer_events_customer ON customer_events (customer_id, at);"
    "CREATE INDEX changes_command ON changes (command_id);"
    /* the customers view lists most recently updated first */
    "CREATE INDEX customers_updated ON customers (updated_at);"
  },
  { 3,
    /* Sync and the office server. On the server: sessions (only the hash
     * of a token is kept) and failed sign-ins for throttling. On a desk:
     * server_seq marks a row image that came from the server (its place
     * in the office-wide sequence); local images have NULL. A rejected
     * command is rolled back to the latest image of each row it touched
     * that no pending command wrote. Rejections wait in sync_rejections
     * until the person who made them has read them. */
    "CREATE TABLE sessions ("
    "  id TEXT PRIMARY KEY,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  created_at TEXT NOT NULL,"
    "  last_used_at TEXT NOT NULL,"
    "  expires_at TEXT NOT NULL,"
    "  revoked_at TEXT,"
    "  remote TEXT,"
    "  client TEXT);"
    "CREATE INDEX sessions_user ON sessions (user_id);"
    "CREATE TABLE login_failures ("
    "  seq INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  remote TEXT);"
    "CREATE INDEX login_failures_user ON login_failures (username, at);"
    "ALTER TABLE changes ADD COLUMN server_seq INTEGER;"
    "CREATE INDEX changes_row ON changes (tbl, row_id);"
    "CREATE TABLE sync_rejections ("
    "  command_id TEXT PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  actor_id TEXT,"
    "  code TEXT NOT NULL,"
    "  field TEXT,"
    "  message TEXT NOT NULL,"
    "  command TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  seen INTEGER NOT NULL DEFAULT 0);"
  },
  { 4,
    /* A project's overrides of the policy defaults in data/policy/. */
    "ALTER TABLE projects ADD COLUMN policy TEXT NOT NULL DEFAULT '{}';"
  },
};

const AnjuMigration *
anju_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
