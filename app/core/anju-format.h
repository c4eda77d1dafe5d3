/* anju-format.h — one formatter each for dates, money and areas
 *
 * Times are stored in UTC and shown in the office's time zone (Asia/Shanghai
 * unless set otherwise).
 */
#pragma once

#include <glib.h>

#include "anju-money.h"

G_BEGIN_DECLS

#define ANJU_FORMAT_ERROR (anju_format_error_quark ())

typedef enum
{
  ANJU_FORMAT_ERROR_INVALID,
  ANJU_FORMAT_ERROR_PRECISION,  /* more than 2 decimals */
  ANJU_FORMAT_ERROR_RANGE,
} AnjuFormatError;

GQuark     anju_format_error_quark     (void);

/* The office's zone for display and for "today"; default Asia/Shanghai
 * (UTC+8 if the system has no time zone data). NULL restores the default;
 * an unknown identifier warns and keeps the default. The zone returned is
 * borrowed and stays valid for the life of the process. */
void       anju_format_set_time_zone   (const char *tz_identifier);
GTimeZone *anju_format_get_time_zone   (void);

/* UTC µs → "2026-11-26 17:05" in the office's zone. */
char      *anju_format_datetime        (gint64      utc_usec);
/* UTC µs → "2026-11-26". */
char      *anju_format_date            (gint64      utc_usec);
/* An ISO 8601 UTC string (as stored) → "2026-11-26 17:05"; "" if bad. */
char      *anju_format_datetime_iso    (const char *iso_utc);

/* Money: the same as anju_money_format(). */
char      *anju_format_money           (AnjuFen     fen);

/* Areas are kept in hundredths of a square metre: 8950 → "89.50 m²". */
char      *anju_format_area            (gint64      centi_m2);
/* Parses "89.5", "89.50", "89.50 m²", "89.50㎡" into hundredths. More than
 * two decimals, a sign, letters and empty text fail in ANJU_FORMAT_ERROR. */
gboolean   anju_area_parse             (const char *text,
                                        gint64     *centi_m2,
                                        GError    **error);

/* The translated separator between the items of a list ("、" in Chinese). */
const char *anju_format_list_separator (void);
/* Joins @items (already translated) with anju_format_list_separator(). */
char      *anju_format_join_list       (const char * const *items);
/* Joins two translated sentences as the language does ("。" takes no
 * space after it in Chinese). */
char      *anju_format_join_sentences  (const char *first,
                                        const char *second);

/* The surname of a Chinese @name: its first character, or the first two
 * for the common two-character surnames (欧阳, 司马…). */
char      *anju_format_surname         (const char *name);
/* How a person is addressed: surname and title, "赵先生" for 赵建国 and
 * 先生; a title that already starts with the surname ("赵先生") as it is;
 * the name alone without a title. */
char      *anju_format_addressee       (const char *name,
                                        const char *title);
/* A person in a list: "赵建国（赵先生）", or the name alone without a title. */
char      *anju_format_person          (const char *name,
                                        const char *title);

G_END_DECLS
