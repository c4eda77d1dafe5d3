/* test-papers.c — every paper rendered to a real PDF and read back
 *
 * The PDFs are written by app/print exactly as anjuctl render and the print
 * dialog draw them, then read with pdftotext (poppler-utils): the text must
 * hold the buyer, the unit, the approved price, the deposit, the monthly
 * payment, the receipt number and the amount in capitals; the list price
 * must appear nowhere.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "anju-command.h"
#include "anju-paper.h"

static char *tmpdir;

static JsonObject *
load_fixture (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "print", "fixtures", file, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The PDF's text without any white space, so that a line break inside a
 * name or an amount does not hide it. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *text = run ((const char *[]) { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL });
  GString *packed = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (packed, *p);
  return g_string_free (packed, FALSE);
}

/* Renders @fixture as @kind; returns the PDF's packed text. */
static char *
render (AnjuPaperKind  kind,
        const char    *fixture,
        guint         *n_pages)
{
  g_autoptr(JsonObject) model = load_fixture (fixture);
  g_autoptr(AnjuPaper) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (fixture, ".pdf", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, file, NULL);

  paper = anju_paper_new (kind, model, &error);
  g_assert_no_error (error);
  g_assert_true (anju_paper_write_pdf (paper, pdf, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = anju_paper_get_n_pages (paper);
  return pdf_text (pdf);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the paper: %s", needle, text);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” should not be in the paper", needle);
}

/* What every paper about the deal shows: the buyer, the unit; and never
 * the list price (4,390,400.00) — only the approved one prints. */
static void
assert_deal (const char *text)
{
  assert_has (text, "周子涵");
  assert_has (text, "万科·安居苑2幢2001");
  assert_lacks (text, "4,390,400");
  assert_lacks (text, "4390400");
}

static void
test_subscription (void)
{
  g_autofree char *text = render (ANJU_PAPER_SUBSCRIPTION, "subscription", NULL);

  assert_deal (text);
  assert_has (text, "商品房认购书");
  assert_has (text, "RG-2026-0001");
  assert_has (text, "330106199803148449");
  assert_has (text, "共有人吴昊");
  assert_has (text, "¥4,302,592.00");
  assert_has (text, "人民币肆佰叁拾万贰仟伍佰玖拾贰元整");
  assert_has (text, "¥50,000.00");
  assert_has (text, "人民币伍万元整");
  assert_has (text, "组合贷款");
  assert_has (text, "2026年12月18日");
  /* the cooling-off ends 72 h after 10:30 Beijing time */
  assert_has (text, "72小时内（至2026年12月07日10:30止）");
  assert_has (text, "百分之二十");
  assert_lacks (text, "副本");
  g_assert_true (g_str_has_suffix (text, "页"));
}

static void
test_payment_plan (void)
{
  guint n_pages = 0;
  g_autofree char *text = render (ANJU_PAPER_PAYMENT_PLAN, "payment-plan", &n_pages);

  assert_deal (text);
  assert_has (text, "置业计划表");
  assert_has (text, "¥4,302,592.00");
  assert_has (text, "认购当日签约优惠、老业主推荐优惠");
  assert_has (text, "¥1,302,592.00");              /* down payment */
  assert_has (text, "月供（首月）¥13,251.05");       /* both loans together */
  assert_has (text, "公积金贷款：贷款金额¥1,000,000.00，年利率3.100%，360期，等额本息");
  assert_has (text, "¥4,270.16");
  assert_has (text, "¥8,980.89");
  /* the twelfth month of each schedule, not the thirteenth */
  assert_has (text, "12¥4,270.16¥1,735.38¥2,534.78¥979,468.01");
  assert_lacks (text, "13¥4,270.16");
  assert_has (text, "全期合计¥1,537,260.03¥1,000,000.00¥537,260.03");
  assert_has (text, "契税¥43,025.92办理产权登记时");
  assert_has (text, "合计¥52,065.92");
  assert_has (text, "¥6,125,040.71");
  assert_has (text, "第2页/共2页");
  g_assert_cmpuint (n_pages, ==, 2);
}

static void
test_receipt (void)
{
  g_autofree char *text = render (ANJU_PAPER_RECEIPT, "receipt", NULL);

  assert_has (text, "收据");
  assert_has (text, "No.000012");
  assert_has (text, "交款人周子涵");
  assert_has (text, "款项定金");
  assert_has (text, "付款方式银行转账");
  /* the amount in capitals beside the amount in figures */
  assert_has (text, "金额（小写）¥50,000.00金额（大写）人民币伍万元整");
  assert_has (text, "收款人陈静");
  /* stamps are drawn last, after the page's foot */
  g_assert_true (g_str_has_suffix (text, "第1页/共1页"));
  assert_lacks (text, "副本");
}

static void
test_receipt_void_copy (void)
{
  g_autofree char *text = render (ANJU_PAPER_RECEIPT, "receipt-void", NULL);

  assert_has (text, "No.000013");
  assert_has (text, "金额（小写）¥107,000.53金额（大写）人民币壹拾万柒仟元零伍角叁分");
  assert_has (text, "作废原因金额录入错误");
  g_assert_true (g_str_has_suffix (text, "第1页/共1页作废副本"));
}

static void
test_signing_notice (void)
{
  g_autofree char *text = render (ANJU_PAPER_SIGNING_NOTICE, "signing-notice", NULL);

  assert_has (text, "签约须知");
  assert_has (text, "尊敬的周子涵");
  assert_has (text, "2幢2001");
  assert_has (text, "《商品房认购书》原件");
  assert_has (text, "购房定金收据原件");
  assert_has (text, "本单共有人：周子涵、吴昊");
  assert_has (text, "详见《按揭须知》");
}

static void
test_mortgage_notice (void)
{
  g_autofree char *text = render (ANJU_PAPER_MORTGAGE_NOTICE, "mortgage-notice", NULL);

  assert_deal (text);
  assert_has (text, "按揭须知");
  assert_has (text, "公积金贷款¥1,000,000.00");
  assert_has (text, "月供合计¥13,251.05");
  assert_has (text, "收入证明（须加盖单位公章）");
  assert_has (text, "供楼存折");
}

/* Every glyph comes from an embedded Noto CJK font: no tofu, no fallback
 * font the office's printer might lack. */
static void
test_fonts_embedded (void)
{
  g_autofree char *text = render (ANJU_PAPER_SUBSCRIPTION, "subscription", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "subscription.pdf", NULL);
  g_autofree char *fonts = run ((const char *[]) { "pdffonts", pdf, NULL });
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  for (guint i = 2; lines[i] != NULL && *lines[i] != '\0'; i++, n++)
    {
      g_assert_nonnull (strstr (lines[i], "NotoS"));
      g_assert_nonnull (strstr (lines[i], " yes yes yes "));
    }
  g_assert_cmpuint (n, >=, 2);
}

/* A model without a member the template needs is refused with its name:
 * no paper goes out with a blank where the price should be. */
static void
test_missing_member (void)
{
  g_autoptr(JsonObject) model = load_fixture ("subscription");
  g_autoptr(AnjuPaper) paper = NULL;
  g_autoptr(GError) error = NULL;

  json_object_remove_member (model, "price");
  paper = anju_paper_new (ANJU_PAPER_SUBSCRIPTION, model, &error);
  g_assert_null (paper);
  g_assert_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL);
  g_assert_nonnull (strstr (error->message, "“price”"));
}

/* Amounts are exact decimal strings; a third decimal or a JSON number is
 * refused, never rounded. */
static void
test_bad_amounts (void)
{
  const char *cases[] = { "12.345", "abc", NULL };

  for (guint i = 0; cases[i]; i++)
    {
      g_autoptr(JsonObject) model = load_fixture ("receipt");
      JsonObject *receipt = json_object_get_object_member (model, "receipt");
      g_autoptr(GError) error = NULL;
      g_autoptr(AnjuPaper) paper = NULL;

      json_object_set_string_member (receipt, "amount", cases[i]);
      paper = anju_paper_new (ANJU_PAPER_RECEIPT, model, &error);
      g_assert_null (paper);
      g_assert_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL);
      g_assert_nonnull (strstr (error->message, "“receipt.amount”"));
    }
  {
    g_autoptr(JsonObject) model = load_fixture ("receipt");
    JsonObject *receipt = json_object_get_object_member (model, "receipt");
    g_autoptr(GError) error = NULL;
    g_autoptr(AnjuPaper) paper = NULL;

    json_object_set_double_member (receipt, "amount", 50000.5);
    paper = anju_paper_new (ANJU_PAPER_RECEIPT, model, &error);
    g_assert_null (paper);
    g_assert_error (error, ANJU_PAPER_ERROR, ANJU_PAPER_ERROR_MODEL);
  }
}

/* The template language on a template of the test's own: each, when and
 * unless, optional members, labels, join and the literal brace. */
static void
test_template_language (void)
{
  const char *template =
    "{ \"title\": \"T {name}\", \"footer\": \"\","
    "  \"labels\": { \"k\": { \"a\": \"甲\" } },"
    "  \"formats\": { \"list_separator\": \"/\" },"
    "  \"blocks\": ["
    "    { \"type\": \"paragraph\", \"text\": \"{{x} {missing?}|{code|label:k}|{items|join:n}\" },"
    "    { \"type\": \"each\", \"source\": \"items\", \"blocks\": ["
    "      { \"type\": \"paragraph\", \"text\": \"item{#}={n} of {name}\" } ] },"
    "    { \"type\": \"paragraph\", \"text\": \"shown\", \"when\": \"code=a\" },"
    "    { \"type\": \"paragraph\", \"text\": \"hidden\", \"unless\": \"items\" },"
    "    { \"type\": \"table\", \"source\": \"items\", \"limit\": 1,"
    "      \"columns\": [ { \"title\": \"N\", \"value\": \"row{n}\" } ],"
    "      \"footer\": [ \"sum{name}\" ] }"
    "  ] }";
  const char *model_json = "{ \"name\": \"Z\", \"code\": \"a\", \"items\": [ { \"n\": \"p\" }, { \"n\": \"q\" } ] }";
  g_autofree char *path = g_build_filename (tmpdir, "own.json", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "own.pdf", NULL);
  g_autoptr(JsonNode) node = json_from_string (model_json, NULL);
  g_autoptr(AnjuPaper) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, template, -1, NULL));
  paper = anju_paper_new_from_file (path, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anju_paper_get_title (paper), ==, "T Z");
  g_assert_true (anju_paper_write_pdf (paper, pdf, &error));
  text = pdf_text (pdf);
  assert_has (text, "{x}|甲|p/q");
  assert_has (text, "item1=pofZ");
  assert_has (text, "item2=qofZ");
  assert_has (text, "shown");
  assert_lacks (text, "hidden");
  assert_has (text, "rowp");
  assert_lacks (text, "rowq");
  assert_has (text, "sumZ");
}

/* Counts the dark pixels of a PGM (P5, 8 bit) as pdftoppm -gray writes. */
static guint
count_dark (const char *pgm,
            gsize       length)
{
  guint fields = 0, dark = 0;
  gsize i = 0;

  /* the header: P5, width, height, maxval, each after white space */
  while (fields < 4 && i < length)
    {
      while (i < length && g_ascii_isspace (pgm[i]))
        i++;
      while (i < length && !g_ascii_isspace (pgm[i]))
        i++;
      fields++;
    }
  for (i++; i < length; i++)
    if ((guchar) pgm[i] < 128)
      dark++;
  return dark;
}

/* The glyphs print, not just their text: a line of 如 (which cairo 1.16
 * drops from Noto Sans CJK SC Regular in a PDF) must leave ink where it
 * stands, in regular and in bold. */
static void
test_glyphs_print (void)
{
  const char *template =
    "{ \"title\": \"T\", \"footer\": \"\", \"page_number\": \"\","
    "  \"blocks\": [ { \"type\": \"paragraph\", \"bold\": {bold}, \"text\": \"如如如如如如如如如如\" } ] }";
  const char *weights[] = { "false", "true" };

  for (guint w = 0; w < G_N_ELEMENTS (weights); w++)
    {
      g_autoptr(GString) text = g_string_new (template);
      g_autofree char *path = g_build_filename (tmpdir, "glyphs.json", NULL);
      g_autofree char *pdf = g_build_filename (tmpdir, "glyphs.pdf", NULL);
      g_autoptr(JsonObject) model = json_object_new ();
      g_autoptr(AnjuPaper) paper = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *pgm = NULL;
      gsize length = 0;

      g_string_replace (text, "{bold}", weights[w], 0);
      g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
      paper = anju_paper_new_from_file (path, model, &error);
      g_assert_no_error (error);
      g_assert_true (anju_paper_write_pdf (paper, pdf, &error));
      /* the paragraph's first line, at 72 dpi: 48–198 pt across, 50–62 pt down */
      {
        g_autofree char *base = g_build_filename (tmpdir, "glyphs", NULL);
        g_autofree char *file = g_build_filename (tmpdir, "glyphs.pgm", NULL);
        const char *argv[] = { "pdftoppm", "-gray", "-r", "72", "-x", "48", "-y", "50",
                               "-W", "150", "-H", "12", "-singlefile", pdf, base, NULL };
        int status;

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      NULL, NULL, &status, &error);
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_true (g_file_get_contents (file, &pgm, &length, NULL));
      }
      /* ten 如 at 10.5 pt leave over a hundred dark pixels (Serif 120, Sans
       * Bold 450); the blank glyphs of Sans Regular none */
      g_assert_cmpuint (count_dark (pgm, length), >, 60);
    }
}

static void
test_kind_names (void)
{
  for (int kind = 0; kind < ANJU_PAPER_N_KINDS; kind++)
    g_assert_cmpint (anju_paper_kind_from_string (anju_paper_kind_to_string (kind)), ==, kind);
  g_assert_cmpint (anju_paper_kind_from_string ("contract"), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* What a program's main does: the domains register their commands. */
  anju_commands_init ();
  tmpdir = g_dir_make_tmp ("anju-papers-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/papers/kinds", test_kind_names);
  g_test_add_func ("/papers/subscription", test_subscription);
  g_test_add_func ("/papers/payment-plan", test_payment_plan);
  g_test_add_func ("/papers/receipt", test_receipt);
  g_test_add_func ("/papers/receipt-void-copy", test_receipt_void_copy);
  g_test_add_func ("/papers/signing-notice", test_signing_notice);
  g_test_add_func ("/papers/mortgage-notice", test_mortgage_notice);
  g_test_add_func ("/papers/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/papers/glyphs-print", test_glyphs_print);
  g_test_add_func ("/papers/missing-member", test_missing_member);
  g_test_add_func ("/papers/bad-amounts", test_bad_amounts);
  g_test_add_func ("/papers/template-language", test_template_language);
  status = g_test_run ();

  if (g_getenv ("ANJU_KEEP_PAPERS") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }
  else
    g_print ("# papers kept in %s\n", tmpdir);
  g_free (tmpdir);
  return status;
}
