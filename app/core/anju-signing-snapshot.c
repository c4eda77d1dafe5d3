/* anju-signing-snapshot.c — what the 签约 and 按揭 screens show, and what
 * each person may do there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every "may" here is the handler's own rule: the role check of
 * anju_command_admit() and the predicates of anju-signing-private.h that
 * the handlers call. Nothing is decided twice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anju-clock.h"
#include "anju-format.h"
#include "anju-mortgage.h"
#include "anju-signing.h"
#include "anju-signing-private.h"
#include "anju-subscriptions.h"
#include "anju-units.h"

/* ---- names --------------------------------------------------------------- */

const char *
anju_signing_step_id_to_string (AnjuSigningStepId id)
{
  static const char * const names[] = {
    "schedule", "changes", "contract_documents", "personal_data", "mortgage_documents", "sign", "filing", "pickup",
  };

  g_return_val_if_fail (id < ANJU_SIGNING_N_STEPS, NULL);
  return names[id];
}

const char *
anju_signing_step_state_to_string (AnjuSigningStepState state)
{
  static const char * const names[] = { "to_do", "done", "waiting", "blocked", "not_needed", "later" };

  g_return_val_if_fail (state <= ANJU_SIGNING_STEP_LATER, NULL);
  return names[state];
}

const char *
anju_signing_step_state_get_label (AnjuSigningStepState state)
{
  switch (state)
    {
    case ANJU_SIGNING_STEP_TO_DO:      return _("To do");
    case ANJU_SIGNING_STEP_DONE:       return _("Done");
    case ANJU_SIGNING_STEP_WAITING:    return _("Waiting for approval");
    case ANJU_SIGNING_STEP_BLOCKED:    return _("Not ready");
    case ANJU_SIGNING_STEP_NOT_NEEDED: return _("Not needed");
    case ANJU_SIGNING_STEP_LATER:      return _("Later");
    default:                           return NULL;
    }
}

static const char *
step_title (AnjuSigningStepId id)
{
  switch (id)
    {
    case ANJU_SIGNING_STEP_SCHEDULE:           return _("Signing appointment");
    case ANJU_SIGNING_STEP_CHANGES:            return _("Changes before signing");
    case ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS: return _("Documents for the contract");
    case ANJU_SIGNING_STEP_PERSONAL_DATA:      return _("Personal data check");
    case ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS: return _("Documents for the mortgage");
    case ANJU_SIGNING_STEP_SIGN:               return _("Sign the contract");
    case ANJU_SIGNING_STEP_FILING:             return _("Online filing");
    case ANJU_SIGNING_STEP_PICKUP:             return _("Contract pickup reminder");
    case ANJU_SIGNING_N_STEPS:
    default:                                   return NULL;
    }
}

/* ---- change requests --------------------------------------------------------- */

void
anju_change_request_free (AnjuChangeRequest *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->subscription_id);
  g_free (c->approval_id);
  g_free (c->kind);
  g_free (c->status);
  g_free (c->from_unit_label);
  g_free (c->to_unit_label);
  g_free (c->buyers);
  g_free (c->reason);
  g_free (c->requested_by);
  g_free (c->requested_at);
  g_free (c->decided_at);
  g_free (c);
}

/* "name, name" of a rename's buyers (JSON text). */
static char *
dup_buyer_names (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (root), i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_strv_builder_add (names, json_object_get_string_member_with_default (json_node_get_object (element),
                                                                                "name", "?"));
    }
  list = g_strv_builder_end (names);
  return anju_format_join_list ((const char * const *)list);
}

GPtrArray *
anju_change_requests_list (AnjuStore   *store,
                           const char  *subscription_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_change_request_free);
  g_autofree char *now = anju_store_now_string (store);
  sqlite3_stmt *stmt = anju_store_prepare (store,
      "SELECT cr.id, cr.subscription_id, cr.approval_id, cr.kind, "
      "CASE WHEN cr.status = 'pending' AND a.expires_at <= ?2 THEN 'lapsed' ELSE cr.status END, "
      "bf.name || '-' || uf.number, bt.name || '-' || ut.number, cr.old_price, cr.new_price, cr.buyers, "
      "cr.reason, us.display_name, cr.requested_at, cr.decided_at "
      "FROM change_requests cr JOIN approvals a ON a.id = cr.approval_id "
      "JOIN units uf ON uf.id = cr.from_unit_id JOIN buildings bf ON bf.id = uf.building_id "
      "LEFT JOIN units ut ON ut.id = cr.to_unit_id LEFT JOIN buildings bt ON bt.id = ut.building_id "
      "LEFT JOIN users us ON us.id = cr.requested_by "
      "WHERE (?1 IS NULL OR cr.subscription_id = ?1) ORDER BY cr.requested_at DESC, cr.rowid DESC", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  anju_stmt_bind_text_or_null (stmt, 1, subscription_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnjuChangeRequest *c = g_new0 (AnjuChangeRequest, 1);
      g_autofree char *buyers = anju_stmt_dup_text (stmt, 9);

      c->id = anju_stmt_dup_text (stmt, 0);
      c->subscription_id = anju_stmt_dup_text (stmt, 1);
      c->approval_id = anju_stmt_dup_text (stmt, 2);
      c->kind = anju_stmt_dup_text (stmt, 3);
      c->status = anju_stmt_dup_text (stmt, 4);
      c->from_unit_label = anju_stmt_dup_text (stmt, 5);
      c->to_unit_label = anju_stmt_dup_text (stmt, 6);
      c->old_price = sqlite3_column_int64 (stmt, 7);
      c->new_price = sqlite3_column_int64 (stmt, 8);
      c->buyers = dup_buyer_names (buyers);
      c->reason = anju_stmt_dup_text (stmt, 10);
      c->requested_by = anju_stmt_dup_text (stmt, 11);
      c->requested_at = anju_stmt_dup_text (stmt, 12);
      c->decided_at = anju_stmt_dup_text (stmt, 13);
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      anju_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* What a change asks, in a line: "Change of unit 1幢-1502 → 1幢-1602". */
static char *
describe_change (const AnjuChangeRequest *c)
{
  const char *kind = anju_change_request_kind_get_label (c->kind);

  if (g_strcmp0 (c->kind, "change_unit") == 0)
    /* Translators: a change of unit: the kind, the old unit and the new */
    return g_strdup_printf (_("%s %s → %s"), kind, c->from_unit_label, c->to_unit_label ? c->to_unit_label : "?");
  if (g_strcmp0 (c->kind, "special_discount") == 0)
    {
      g_autofree char *price = anju_format_money (c->new_price);

      /* Translators: a special discount and the price asked */
      return g_strdup_printf (_("%s to %s"), kind, price);
    }
  /* Translators: a rename and the buyers as they will be */
  return g_strdup_printf (_("%s to %s"), kind, c->buyers ? c->buyers : "?");
}

/* ---- may I? ------------------------------------------------------------------ */

/* The dispatcher's role check, then the deal's consultant or a manager. */
static gboolean
admit (const AnjuUser     *actor,
       const AnjuSigning  *g,
       const char         *type,
       GError            **error)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  AnjuCommand command = { (char *)"", (char *)type, payload };

  return anju_command_admit (&command, actor, error) != NULL && anju_signing_may_act (actor, g, error);
}

/* Sets @can and @refusal from a check's outcome. */
static void
take_answer (gboolean   ok,
             GError    *error,
             gboolean  *can,
             char     **refusal)
{
  *can = ok;
  g_clear_pointer (refusal, g_free);
  if (!ok)
    *refusal = g_strdup (error != NULL ? error->message : "");
}

/* ---- the snapshot ---------------------------------------------------------------- */

void
anju_signing_snapshot_free (AnjuSigningSnapshot *snap)
{
  if (snap == NULL)
    return;
  anju_signing_free (snap->signing);
  g_free (snap->subscription_payment_method);
  g_clear_pointer (&snap->buyers, g_ptr_array_unref);
  for (guint i = 0; i < ANJU_SIGNING_N_STEPS; i++)
    {
      g_free (snap->steps[i].title);
      g_free (snap->steps[i].detail);
      g_free (snap->steps[i].refusal);
    }
  g_clear_pointer (&snap->contract_items, g_ptr_array_unref);
  g_clear_pointer (&snap->mortgage_items, g_ptr_array_unref);
  g_free (snap->contract_missing);
  g_free (snap->mortgage_missing);
  g_clear_pointer (&snap->attachments, g_ptr_array_unref);
  g_clear_pointer (&snap->changes, g_ptr_array_unref);
  g_clear_pointer (&snap->held_units, g_ptr_array_unref);
  anju_mortgage_free (snap->mortgage);
  g_free (snap->open_mortgage_refusal);
  g_free (snap->advance_mortgage_refusal);
  g_free (snap);
}

static void
fill_changes_step (AnjuSigningSnapshot *snap,
                   AnjuSigningStep     *step)
{
  AnjuChangeRequest *last = snap->changes->len > 0 ? g_ptr_array_index (snap->changes, 0) : NULL;
  g_autofree char *what = last ? describe_change (last) : NULL;

  if (snap->pending_change != NULL)
    {
      step->state = ANJU_SIGNING_STEP_WAITING;
      /* Translators: a change before signing waiting for approval, and why it was asked */
      step->detail = g_strdup_printf (_("%s is waiting for approval (%s)."), what, last->reason);
    }
  else if (last != NULL && g_str_equal (last->status, "approved"))
    {
      step->state = ANJU_SIGNING_STEP_DONE;
      step->detail = g_strdup_printf (_("%s was approved."), what);
    }
  else if (last != NULL && g_str_equal (last->status, "rejected"))
    {
      step->state = ANJU_SIGNING_STEP_DONE;
      step->detail = g_strdup_printf (_("%s was rejected; the deal stands as it was."), what);
    }
  else if (last != NULL)
    {
      step->state = ANJU_SIGNING_STEP_DONE;
      step->detail = g_strdup_printf (_("%s lapsed without a decision."), what);
    }
  else
    {
      step->state = ANJU_SIGNING_STEP_NOT_NEEDED;
      step->detail = g_strdup (_("No rename, special discount or change of unit was asked."));
    }
}

static void
fill_checklist_step (AnjuSigningStep *step,
                     const char      *missing)
{
  step->state = *missing == '\0' ? ANJU_SIGNING_STEP_DONE : ANJU_SIGNING_STEP_TO_DO;
  step->detail = *missing == '\0' ? g_strdup (_("Every document is there."))
                                  : g_strdup_printf (_("Missing: %s."), missing);
}

static void
fill_filing_step (AnjuStore           *store,
                  AnjuSigningSnapshot *snap,
                  AnjuSigningStep     *step)
{
  const AnjuSigning *g = snap->signing;

  if (g_strcmp0 (g->status, "signed") != 0)
    {
      step->state = ANJU_SIGNING_STEP_LATER;
      step->detail = g_strdup (_("Once the contract is signed, with its deadline."));
      return;
    }
  snap->filing_state = anju_filing_state_at (store, g, anju_store_now (store), &snap->filing_days_left);
  if (snap->filing_state == ANJU_FILING_FILED)
    {
      step->state = ANJU_SIGNING_STEP_DONE;
      /* Translators: a filed contract: its filing number and day */
      step->detail = g_strdup_printf (_("Filing number %s, filed on %s."), g->filing_number, g->filed_on);
      return;
    }
  step->state = ANJU_SIGNING_STEP_TO_DO;
  step->urgent = snap->filing_state >= ANJU_FILING_URGENT;
  if (snap->filing_state == ANJU_FILING_OVERDUE)
    step->detail = g_strdup_printf (_("Overdue since %s"), g->filing_due_on);
  else
    step->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due by %s: %d day left",
                                                 "Due by %s: %d days left", snap->filing_days_left),
                                    g->filing_due_on, snap->filing_days_left);
}

AnjuSigningSnapshot *
anju_signing_dup_snapshot (AnjuStore       *store,
                           const AnjuUser  *actor,
                           const char      *subscription_id,
                           GError         **error)
{
  g_autoptr(AnjuSigningSnapshot) snap = g_new0 (AnjuSigningSnapshot, 1);
  g_autoptr(AnjuSubscription) s = NULL;
  const AnjuSigning *g;
  const char *method;
  AnjuMortgage *m;

  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (subscription_id != NULL, NULL);

  if (!(snap->signing = anju_signing_load (store, subscription_id, error)) ||
      !anju_signing_may_act (actor, snap->signing, error) ||
      !(s = anju_subscription_load (store, subscription_id, error)) ||
      !(snap->contract_items = anju_signing_dup_checklist (store, subscription_id, "contract", error)) ||
      !(snap->mortgage_items = anju_signing_dup_checklist (store, subscription_id, "mortgage", error)) ||
      !(snap->contract_missing = anju_signing_dup_missing (store, subscription_id, "contract", error)) ||
      !(snap->mortgage_missing = anju_signing_dup_missing (store, subscription_id, "mortgage", error)) ||
      !(snap->changes = anju_change_requests_list (store, subscription_id, error)))
    return NULL;
  g = snap->signing;
  {
    AnjuUnitFilter filter = { .project_id = g->project_id, .status = "held" };
    g_autoptr(GPtrArray) held = anju_units_list (store, &filter, error);

    if (held == NULL)
      return NULL;
    snap->held_units = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_unit_row_free);
    for (guint i = 0; i < held->len; i++)
      {
        AnjuUnitRow *u = g_ptr_array_index (held, i);

        if (g_strcmp0 (u->holder_id, actor->id) == 0 && g_strcmp0 (u->id, g->unit_id) != 0)
          g_ptr_array_add (snap->held_units, g_steal_pointer (&g_ptr_array_index (held, i)));
      }
  }
  snap->price = s->price;
  snap->subscription_payment_method = g_strdup (s->payment_method);
  snap->buyers = g_ptr_array_ref (s->buyers);
  snap->attachments = anju_filing_dup_attachments (store, g->project_id);
  for (guint i = 0; i < snap->changes->len; i++)
    if (g_str_equal (((AnjuChangeRequest *)g_ptr_array_index (snap->changes, i))->status, "pending"))
      snap->pending_change = g_ptr_array_index (snap->changes, i);
  method = g->payment_method ? g->payment_method : s->payment_method;
  snap->needs_loan = anju_signing_method_needs_loan (method);
  snap->filing_state = ANJU_FILING_ON_TIME;

  for (guint i = 0; i < ANJU_SIGNING_N_STEPS; i++)
    {
      AnjuSigningStep *step = &snap->steps[i];
      g_autoptr(GError) local_error = NULL;
      gboolean ok = FALSE;

      step->id = i;
      step->title = g_strdup (step_title (i));
      switch ((AnjuSigningStepId)i)
        {
        case ANJU_SIGNING_STEP_SCHEDULE:
          {
            g_autofree char *when = anju_format_datetime (g->signing_usec);

            step->state = g_strcmp0 (g->status, "scheduled") == 0 ? ANJU_SIGNING_STEP_TO_DO : ANJU_SIGNING_STEP_DONE;
            step->detail = g_strdup_printf (_("Signing at %s."), when);
            ok = admit (actor, g, "signing.schedule", &local_error) && anju_signing_check_open (g, &local_error);
          }
          break;
        case ANJU_SIGNING_STEP_CHANGES:
          fill_changes_step (snap, step);
          ok = admit (actor, g, "change.request", &local_error) &&
               anju_signing_check_may_request_change (store, g, &local_error);
          break;
        case ANJU_SIGNING_STEP_CONTRACT_DOCUMENTS:
          fill_checklist_step (step, snap->contract_missing);
          ok = admit (actor, g, "signing.check_documents", &local_error);
          break;
        case ANJU_SIGNING_STEP_PERSONAL_DATA:
          if (g->data_confirmed_at != NULL)
            {
              g_autofree char *when = anju_format_datetime_iso (g->data_confirmed_at);

              step->state = ANJU_SIGNING_STEP_DONE;
              /* Translators: who confirmed the buyers' data, and when */
              step->detail = g_strdup_printf (_("Confirmed by %s at %s."),
                                              g->data_confirmed_by ? g->data_confirmed_by : "?", when);
            }
          else
            {
              step->state = ANJU_SIGNING_STEP_TO_DO;
              step->detail = g_strdup (_("Names, ID numbers, phones and mailing address of every buyer and co-owner; payment method, down payment and loan bank."));
            }
          ok = admit (actor, g, "signing.confirm_data", &local_error) && anju_signing_check_open (g, &local_error);
          break;
        case ANJU_SIGNING_STEP_MORTGAGE_DOCUMENTS:
          if (snap->needs_loan)
            fill_checklist_step (step, snap->mortgage_missing);
          else
            {
              step->state = ANJU_SIGNING_STEP_NOT_NEEDED;
              step->detail = g_strdup (_("No loan: the buyer pays without a mortgage."));
            }
          ok = admit (actor, g, "signing.check_documents", &local_error);
          break;
        case ANJU_SIGNING_STEP_SIGN:
          ok = admit (actor, g, "signing.sign", &local_error) &&
               anju_signing_check_may_sign (store, g, &local_error);
          if (g_strcmp0 (g->status, "signed") == 0)
            {
              g_autofree char *when = anju_format_datetime_iso (g->signed_at);

              step->state = ANJU_SIGNING_STEP_DONE;
              step->detail = g->contract_number
                             /* Translators: when the contract was signed, and its number */
                             ? g_strdup_printf (_("Signed at %s, contract %s."), when, g->contract_number)
                             : g_strdup_printf (_("Signed at %s."), when);
            }
          else if (ok)
            {
              step->state = ANJU_SIGNING_STEP_TO_DO;
              step->detail = g_strdup (_("Everything is ready for the signing."));
            }
          else
            {
              step->state = ANJU_SIGNING_STEP_BLOCKED;
              step->detail = g_strdup (local_error->message);
            }
          break;
        case ANJU_SIGNING_STEP_FILING:
          fill_filing_step (store, snap, step);
          ok = admit (actor, g, "filing.record", &local_error) && anju_filing_check_may_record (g, &local_error);
          break;
        case ANJU_SIGNING_STEP_PICKUP:
          /* a reminder, no command: nothing to allow or refuse */
          step->state = g->filing_number ? ANJU_SIGNING_STEP_TO_DO : ANJU_SIGNING_STEP_LATER;
          step->detail = g->filing_number
                         ? g_strdup (_("The filed contract is ready: remind the buyer to pick it up."))
                         : g_strdup (_("Once the contract is filed."));
          step->can = FALSE;
          continue;
        case ANJU_SIGNING_N_STEPS:
        default:
          g_assert_not_reached ();
        }
      take_answer (ok, local_error, &step->can, &step->refusal);
    }

  /* the mortgage application */
  {
    g_autoptr(GError) local_error = NULL;
    gboolean ok;

    snap->mortgage = m = anju_mortgage_load_for_deal (store, subscription_id, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    ok = admit (actor, g, "mortgage.open", &local_error) && anju_mortgage_check_may_open (store, g, &local_error);
    take_answer (ok, local_error, &snap->can_open_mortgage, &snap->open_mortgage_refusal);
    g_clear_error (&local_error);
    snap->mortgage_next_status = m ? anju_mortgage_get_next_status (m->status) : NULL;
    if (snap->mortgage_next_status != NULL)
      {
        ok = admit (actor, g, "mortgage.advance", &local_error) &&
             anju_mortgage_check_may_advance (store, g, m, snap->mortgage_next_status, &local_error);
        take_answer (ok, local_error, &snap->can_advance_mortgage, &snap->advance_mortgage_refusal);
      }
  }
  return g_steal_pointer (&snap);
}

/* ---- the 签约 list --------------------------------------------------------------- */

void
anju_signing_row_free (AnjuSigningRow *row)
{
  if (row == NULL)
    return;
  anju_signing_free (row->signing);
  g_free (row->next_title);
  g_free (row);
}

static int
row_group (const AnjuSigningRow *row)
{
  if (g_strcmp0 (row->signing->status, "signed") != 0)
    return 0;
  return row->signing->filing_number == NULL ? 1 : 2;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AnjuSigningRow *x = *(AnjuSigningRow * const *)a;
  const AnjuSigningRow *y = *(AnjuSigningRow * const *)b;
  int gx = row_group (x), gy = row_group (y);

  if (gx != gy)
    return gx - gy;
  if (gx == 1)
    return g_strcmp0 (x->signing->filing_due_on, y->signing->filing_due_on);
  return (x->signing->signing_usec > y->signing->signing_usec) - (x->signing->signing_usec < y->signing->signing_usec);
}

GPtrArray *
anju_signings_dup_rows (AnjuStore       *store,
                        const AnjuUser  *actor,
                        GError         **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)anju_signing_row_free);

  g_return_val_if_fail (actor != NULL, NULL);

  if (!(all = anju_signings_list (store, NULL, error)))
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (all, i);
      g_autoptr(AnjuSigningSnapshot) snap = NULL;
      AnjuSigningRow *row;

      if (g_strcmp0 (g->status, "cancelled") == 0 || g_strcmp0 (g->subscription_status, "withdrawn") == 0 ||
          !anju_signing_may_act (actor, g, NULL))
        continue;
      if (!(snap = anju_signing_dup_snapshot (store, actor, g->subscription_id, error)))
        return NULL;
      row = g_new0 (AnjuSigningRow, 1);
      row->next_step = ANJU_SIGNING_STEP_PICKUP;
      for (guint j = 0; j < ANJU_SIGNING_N_STEPS; j++)
        if (snap->steps[j].state == ANJU_SIGNING_STEP_TO_DO || snap->steps[j].state == ANJU_SIGNING_STEP_WAITING ||
            snap->steps[j].state == ANJU_SIGNING_STEP_BLOCKED)
          {
            /* the appointment stands until the day: the step after it */
            if (j == ANJU_SIGNING_STEP_SCHEDULE)
              continue;
            row->next_step = j;
            break;
          }
      row->next_state = snap->steps[row->next_step].state;
      row->next_title = g_strdup (snap->steps[row->next_step].title);
      row->filing_state = snap->filing_state;
      row->urgent = snap->steps[ANJU_SIGNING_STEP_FILING].urgent;
      row->signing = g_steal_pointer (&snap->signing);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

/* ---- the 按揭 pipeline --------------------------------------------------------------- */

static void
mortgage_row_free (AnjuMortgageRow *row)
{
  anju_mortgage_free (row->mortgage);
  g_free (row->next_label);
  g_free (row->advance_refusal);
  g_free (row->reject_refusal);
  g_free (row);
}

static void
filing_row_free (AnjuFilingRow *row)
{
  anju_signing_free (row->signing);
  g_free (row->due_text);
  g_free (row);
}

void
anju_mortgage_pipeline_free (AnjuMortgagePipeline *pipeline)
{
  if (pipeline == NULL)
    return;
  g_clear_pointer (&pipeline->rows, g_ptr_array_unref);
  g_clear_pointer (&pipeline->filings, g_ptr_array_unref);
  g_free (pipeline);
}

AnjuMortgagePipeline *
anju_mortgages_dup_pipeline (AnjuStore       *store,
                             const AnjuUser  *actor,
                             const char      *project_id,
                             GError         **error)
{
  g_autoptr(AnjuMortgagePipeline) pipeline = g_new0 (AnjuMortgagePipeline, 1);
  g_autoptr(GPtrArray) mortgages = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now = anju_store_now (store);

  g_return_val_if_fail (actor != NULL, NULL);

  if (!(mortgages = anju_mortgages_list (store, project_id, NULL, error)) ||
      !(due = anju_filings_list_due (store, project_id, NULL, error)))
    return NULL;
  pipeline->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)mortgage_row_free);
  for (guint i = 0; i < mortgages->len; i++)
    {
      AnjuMortgageRow *row = g_new0 (AnjuMortgageRow, 1);
      g_autoptr(AnjuSigning) g = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      row->mortgage = g_steal_pointer (&g_ptr_array_index (mortgages, i));
      if (!(g = anju_signing_load (store, row->mortgage->subscription_id, error)))
        {
          mortgage_row_free (row);
          return NULL;
        }
      row->next_status = anju_mortgage_get_next_status (row->mortgage->status);
      row->next_label = g_strdup (anju_mortgage_status_get_label (row->next_status));
      if (row->next_status != NULL)
        {
          ok = admit (actor, g, "mortgage.advance", &local_error) &&
               anju_mortgage_check_may_advance (store, g, row->mortgage, row->next_status, &local_error);
          take_answer (ok, local_error, &row->can_advance, &row->advance_refusal);
          g_clear_error (&local_error);
        }
      ok = admit (actor, g, "mortgage.advance", &local_error) &&
           anju_mortgage_check_may_advance (store, g, row->mortgage, "rejected", &local_error);
      take_answer (ok, local_error, &row->can_reject, &row->reject_refusal);
      g_ptr_array_add (pipeline->rows, row);
    }
  pipeline->filings = g_ptr_array_new_with_free_func ((GDestroyNotify)filing_row_free);
  for (guint i = 0; i < due->len; i++)
    {
      AnjuSigning *g = g_ptr_array_index (due, i);
      AnjuFilingRow *row;

      /* a consultant's own, every one for a manager: as on the workbench */
      if (!anju_signing_may_act (actor, g, NULL))
        continue;
      row = g_new0 (AnjuFilingRow, 1);
      row->signing = g_steal_pointer (&g_ptr_array_index (due, i));
      row->state = anju_filing_state_at (store, row->signing, now, &row->days_left);
      row->urgent = row->state >= ANJU_FILING_URGENT;
      if (row->state == ANJU_FILING_OVERDUE)
        row->due_text = g_strdup_printf (_("Overdue since %s"), row->signing->filing_due_on);
      else
        row->due_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due by %s: %d day left",
                                                      "Due by %s: %d days left", row->days_left),
                                         row->signing->filing_due_on, row->days_left);
      g_ptr_array_add (pipeline->filings, row);
    }
  return g_steal_pointer (&pipeline);
}
