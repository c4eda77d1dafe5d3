/* anju-customer-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows live in pages keyed by page index. A page is created with empty
 * rows when a view first asks for one of its positions and is then
 * fetched; pages nobody else holds a row of are dropped once there are
 * more than MAX_PAGES of them. Every query and refresh bumps a
 * generation, and an answer from an older generation is thrown away.
 * The count of a new query brings its first page along: one trip to the
 * worker, and the rows are filled before the table binds them.
 */
#define G_LOG_DOMAIN "anju-customer-list"

#include "config.h"

#include "anju-customer-list-model.h"

#define PAGE_SIZE ANJU_CUSTOMER_LIST_PAGE_SIZE
#define MAX_PAGES 20

typedef struct
{
  guint      index;
  GPtrArray *rows;          /* AnjuCustomerRow* */
  gboolean   loaded;
  gboolean   loading;
  guint64    last_used;
} Page;

struct _AnjuCustomerListModel
{
  GObject       parent_instance;

  AnjuContext  *context;
  gulong        changed_handler;
  GCancellable *cancellable;

  char         *text;
  char         *owner_id;

  guint         n_items;
  GHashTable   *pages;            /* page index → Page* */
  guint64       use_clock;
  guint         generation;
  guint         n_loading;        /* pages on their way */
  gboolean      counting;
  gboolean      counting_resets;  /* the pending count starts over */
  gboolean      counted;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnjuCustomerListModel, anju_customer_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COUNTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_page (AnjuCustomerListModel *self,
                       Page                  *page);

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

/* ---- jobs (worker thread) ---------------------------------------------- */

typedef struct
{
  char  *text;
  char  *owner_id;
  guint  generation;
  guint  page;
  guint  offset;
  guint  limit;
} QueryJob;

/* What a count brings back: the length and, for a new query, the first
 * page — shown at once, without another trip to the database. */
typedef struct
{
  gint64     n_items;
  GPtrArray *first_page;   /* AnjuCustomerSummary*, or NULL */
} CountResult;

static void
count_result_free (CountResult *result)
{
  g_clear_pointer (&result->first_page, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountResult, count_result_free)

static void
query_job_free (QueryJob *job)
{
  g_free (job->text);
  g_free (job->owner_id);
  g_free (job);
}

static QueryJob *
new_query_job (AnjuCustomerListModel *self)
{
  QueryJob *job = g_new0 (QueryJob, 1);

  job->text = g_strdup (self->text);
  job->owner_id = g_strdup (self->owner_id);
  job->generation = self->generation;
  return job;
}

static gpointer
count_customers (AnjuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  QueryJob *job = data;
  AnjuCustomerQuery query = { job->text, job->owner_id };
  gint64 n = anju_customers_count (store, &query, error);
  g_autoptr(CountResult) result = NULL;

  if (n < 0)
    return NULL;
  result = g_new0 (CountResult, 1);
  result->n_items = n;
  /* job->limit: the first page is wanted too (a new query). */
  if (n > 0 && job->limit > 0)
    {
      result->first_page = anju_customers_fetch (store, &query, 0, job->limit, error);
      if (result->first_page == NULL)
        return NULL;
    }
  return g_steal_pointer (&result);
}

static gpointer
fetch_customers (AnjuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  QueryJob *job = data;
  AnjuCustomerQuery query = { job->text, job->owner_id };

  return anju_customers_fetch (store, &query, job->offset, job->limit, error);
}

/* ---- GListModel -------------------------------------------------------- */

static GType
anju_customer_list_model_get_item_type (GListModel *model)
{
  return ANJU_TYPE_CUSTOMER_ROW;
}

static guint
anju_customer_list_model_get_n_items (GListModel *model)
{
  return ANJU_CUSTOMER_LIST_MODEL (model)->n_items;
}

static guint
page_length (AnjuCustomerListModel *self,
             guint                  index)
{
  guint start = index * PAGE_SIZE;

  if (start >= self->n_items)
    return 0;
  return MIN (PAGE_SIZE, self->n_items - start);
}

static gboolean
page_is_unused (Page *page)
{
  if (page->loading)
    return FALSE;
  for (guint i = 0; i < page->rows->len; i++)
    if (G_OBJECT (g_ptr_array_index (page->rows, i))->ref_count > 1)
      return FALSE;
  return TRUE;
}

/* Drops the least recently used pages that no widget holds a row of. */
static void
trim_pages (AnjuCustomerListModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      Page *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;
          if (page_is_unused (page) && (oldest == NULL || page->last_used < oldest->last_used))
            oldest = page;
        }
      if (oldest == NULL)
        return;
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
ensure_page (AnjuCustomerListModel *self,
             guint                  index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      guint length = page_length (self, index);

      trim_pages (self);
      page = g_new0 (Page, 1);
      page->index = index;
      page->rows = g_ptr_array_new_full (length, g_object_unref);
      for (guint i = 0; i < length; i++)
        g_ptr_array_add (page->rows, anju_customer_row_new ());
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }
  page->last_used = ++self->use_clock;
  return page;
}

static gpointer
anju_customer_list_model_get_item (GListModel *model,
                                   guint       position)
{
  AnjuCustomerListModel *self = ANJU_CUSTOMER_LIST_MODEL (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = ensure_page (self, position / PAGE_SIZE);
  /* While a new query is being counted the positions mean nothing yet:
   * the empty row is replaced when the count arrives. */
  if (!page->loaded && !page->loading && !(self->counting && self->counting_resets))
    load_page (self, page);
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = anju_customer_list_model_get_item_type;
  iface->get_n_items = anju_customer_list_model_get_n_items;
  iface->get_item = anju_customer_list_model_get_item;
}

/* ---- loading ----------------------------------------------------------- */

static void
notify_loading (AnjuCustomerListModel *self,
                gboolean               was_loading)
{
  if (was_loading != anju_customer_list_model_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

typedef struct
{
  AnjuCustomerListModel *self;
  guint                  generation;
  guint                  index;
} Request;

static Request *
request_new (AnjuCustomerListModel *self,
             guint                  index)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->index = index;
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
fill_page (AnjuCustomerListModel *self,
           Page                  *page,
           GPtrArray             *summaries)
{
  page->loaded = TRUE;
  for (guint i = 0; i < page->rows->len; i++)
    {
      AnjuCustomerRow *row = g_ptr_array_index (page->rows, i);

      if (i < summaries->len)
        anju_customer_row_update (row, g_ptr_array_index (summaries, i),
                                  anju_context_get_segment_model (self->context));
      else
        anju_customer_row_clear (row);   /* the table shrank meanwhile */
    }
}

static void
on_page_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  AnjuCustomerListModel *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean was_loading = anju_customer_list_model_get_loading (self);
  Page *page;

  /* An older generation's page: start_count() forgot it already. */
  if (request->generation != self->generation)
    return;
  self->n_loading--;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->index));
  if (page == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      notify_loading (self, was_loading);
      return;
    }
  page->loading = FALSE;
  if (summaries == NULL)
    {
      g_warning ("Cannot load customers from %u: %s", request->index * PAGE_SIZE, error->message);
      notify_loading (self, was_loading);
      return;
    }
  fill_page (self, page, summaries);
  notify_loading (self, was_loading);
}

static void
load_page (AnjuCustomerListModel *self,
           Page                  *page)
{
  gboolean was_loading = anju_customer_list_model_get_loading (self);
  QueryJob *job = new_query_job (self);

  job->offset = page->index * PAGE_SIZE;
  job->limit = PAGE_SIZE;
  page->loading = TRUE;
  self->n_loading++;
  anju_worker_run_async (anju_context_get_worker (self->context),
                         fetch_customers, job, (GDestroyNotify)query_job_free,
                         (GDestroyNotify)g_ptr_array_unref,
                         self->cancellable,
                         on_page_fetched_cb, request_new (self, page->index));
  notify_loading (self, was_loading);
}

/* One items-changed, at the end only: the positions both lengths share
 * keep their row objects (refilled in place), so the customer table
 * leaves the rows it shows bound to them and only relabels them as they
 * fill. (Replacing every row made GTK 4.8's list view, which showed them
 * before, tear down and make again all the rows it keeps on every
 * search, and look with get_item() on every added position for a row it
 * tracked among the removed.) */
static void
set_n_items (AnjuCustomerListModel *self,
             guint                  n_items)
{
  guint old = self->n_items;

  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else if (n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
  if (old != n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* After a count: the pages the list view holds rows of get their new
 * length and are fetched again, keeping their row objects; the others
 * are dropped. For a new query (@new_query) the rows showed other
 * customers: they are emptied at once, and the first page, which came
 * with the count (@first_page), is filled before the list view hears of
 * the new length. After a refresh they show what they had until their
 * page is in, so nothing flickers. */
static void
refit_pages (AnjuCustomerListModel *self,
             gboolean               new_query,
             GPtrArray             *first_page)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) reload = g_ptr_array_new ();
  Page *first = NULL;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;
      guint length = page_length (self, page->index);

      if (length == 0 || (new_query && page_is_unused (page)))
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (page->rows->len > length)
        g_ptr_array_set_size (page->rows, length);
      while (page->rows->len < length)
        g_ptr_array_add (page->rows, anju_customer_row_new ());
      page->loaded = FALSE;
      page->loading = FALSE;
      if (page->index == 0 && first_page != NULL)
        {
          first = page;
          continue;
        }
      if (new_query)
        g_ptr_array_foreach (page->rows, (GFunc)anju_customer_row_clear, NULL);
      g_ptr_array_add (reload, page);
    }
  if (first_page != NULL && self->n_items > 0)
    {
      if (first == NULL)
        first = ensure_page (self, 0);
      fill_page (self, first, first_page);
    }
  for (guint i = 0; i < reload->len; i++)
    load_page (self, g_ptr_array_index (reload, i));
}

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  AnjuCustomerListModel *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CountResult) count = anju_worker_run_finish (ANJU_WORKER (object), result, &error);
  gboolean was_loading = anju_customer_list_model_get_loading (self);
  gboolean was_counted = self->counted;
  gboolean reset;
  guint n_items = 0;

  if (request->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  reset = self->counting_resets;
  self->counting = FALSE;
  self->counting_resets = FALSE;
  self->counted = TRUE;
  if (count != NULL)
    n_items = (guint)CLAMP (count->n_items, 0, G_MAXUINT);
  else
    g_warning ("Cannot count customers: %s", error->message);

  {
    guint old = self->n_items;

    self->n_items = n_items;
    refit_pages (self, reset, reset && count != NULL ? count->first_page : NULL);
    self->n_items = old;
  }
  set_n_items (self, n_items);
  if (!was_counted)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTED]);
  notify_loading (self, was_loading);
}

static void
start_count (AnjuCustomerListModel *self,
             gboolean               reset)
{
  gboolean was_loading = anju_customer_list_model_get_loading (self);
  QueryJob *job;

  /* Whatever was on its way belongs to the previous generation. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->n_loading = 0;

  /* The pages stay, with what they show, until the count is in (the list
   * view holds their rows); those on their way are fetched again then. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->pages);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      ((Page *)value)->loading = FALSE;
  }
  if (reset && self->counted)
    {
      self->counted = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTED]);
    }
  self->counting_resets = reset || (self->counting && self->counting_resets);
  self->counting = TRUE;
  job = new_query_job (self);
  if (self->counting_resets)
    job->limit = PAGE_SIZE;
  anju_worker_run_async (anju_context_get_worker (self->context),
                         count_customers, job, (GDestroyNotify)query_job_free,
                         (GDestroyNotify)count_result_free, self->cancellable,
                         on_counted_cb, request_new (self, 0));
  notify_loading (self, was_loading);
}

/* ---- GObject ----------------------------------------------------------- */

static void
on_context_changed_cb (AnjuCustomerListModel *self,
                       const char * const    *topics,
                       AnjuContext           *context)
{
  static const char * const watched[] = { "customers", "users", NULL };

  if (anju_topics_match (topics, watched))
    anju_customer_list_model_refresh (self);
}

static void
anju_customer_list_model_constructed (GObject *object)
{
  AnjuCustomerListModel *self = (AnjuCustomerListModel *)object;

  G_OBJECT_CLASS (anju_customer_list_model_parent_class)->constructed (object);

  self->changed_handler =
    g_signal_connect_object (self->context, "changed",
                             G_CALLBACK (on_context_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
anju_customer_list_model_dispose (GObject *object)
{
  AnjuCustomerListModel *self = (AnjuCustomerListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->context);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anju_customer_list_model_parent_class)->dispose (object);
}

static void
anju_customer_list_model_finalize (GObject *object)
{
  AnjuCustomerListModel *self = (AnjuCustomerListModel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self->text);
  g_free (self->owner_id);

  G_OBJECT_CLASS (anju_customer_list_model_parent_class)->finalize (object);
}

static void
anju_customer_list_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AnjuCustomerListModel *self = ANJU_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, anju_customer_list_model_get_loading (self));
      break;

    case PROP_COUNTED:
      g_value_set_boolean (value, self->counted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_customer_list_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AnjuCustomerListModel *self = ANJU_CUSTOMER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anju_customer_list_model_class_init (AnjuCustomerListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = anju_customer_list_model_constructed;
  object_class->dispose = anju_customer_list_model_dispose;
  object_class->finalize = anju_customer_list_model_finalize;
  object_class->get_property = anju_customer_list_model_get_property;
  object_class->set_property = anju_customer_list_model_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ANJU_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTED] =
    g_param_spec_boolean ("counted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anju_customer_list_model_init (AnjuCustomerListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  self->cancellable = g_cancellable_new ();
}

AnjuCustomerListModel *
anju_customer_list_model_new (AnjuContext *context)
{
  g_return_val_if_fail (ANJU_IS_CONTEXT (context), NULL);

  return g_object_new (ANJU_TYPE_CUSTOMER_LIST_MODEL,
                       "context", context,
                       NULL);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
anju_customer_list_model_set_query (AnjuCustomerListModel *self,
                                    const char            *text,
                                    const char            *owner_id)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (owner_id != NULL && *owner_id == '\0')
    owner_id = NULL;
  replace_string (&self->text, text);
  replace_string (&self->owner_id, owner_id);
  start_count (self, TRUE);
}

const char *
anju_customer_list_model_get_text (AnjuCustomerListModel *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self), NULL);

  return self->text;
}

const char *
anju_customer_list_model_get_owner_id (AnjuCustomerListModel *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self), NULL);

  return self->owner_id;
}

void
anju_customer_list_model_refresh (AnjuCustomerListModel *self)
{
  g_return_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self));

  start_count (self, FALSE);
}

gboolean
anju_customer_list_model_get_loading (AnjuCustomerListModel *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self), FALSE);

  return self->counting || self->n_loading > 0;
}

gboolean
anju_customer_list_model_get_counted (AnjuCustomerListModel *self)
{
  g_return_val_if_fail (ANJU_IS_CUSTOMER_LIST_MODEL (self), FALSE);

  return self->counted;
}
