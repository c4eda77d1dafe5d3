/* anju-ident.h — resident ID numbers and mobile numbers
 *
 * Resident ID numbers follow GB 11643-1999: a 6-digit address code whose
 * first two digits are a province code, an 8-digit birth date that exists
 * and is not in the future, a 3-digit sequence and a check character
 * (Σ digit×weight mod 11 into "10X98765432"). Legacy 15-digit numbers are
 * converted to 18 digits by inserting "19" before the year.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANJU_IDENT_ERROR (anju_ident_error_quark ())

typedef enum
{
  ANJU_IDENT_ERROR_LENGTH,
  ANJU_IDENT_ERROR_CHARACTERS,
  ANJU_IDENT_ERROR_REGION,
  ANJU_IDENT_ERROR_BIRTH_DATE,
  ANJU_IDENT_ERROR_CHECKSUM,
  ANJU_IDENT_ERROR_MOBILE,
} AnjuIdentError;

GQuark    anju_ident_error_quark       (void);

/* The check character for the first 17 digits of @id17 ('0'–'9' or 'X'),
 * or '\0' if they are not 17 digits. */
char      anju_id_number_check_char    (const char  *id17);

/* Validates an 18- or 15-digit number (spaces ignored, 'x' accepted for 'X',
 * full-width digits as typed by Chinese input methods accepted) against
 * @today_utc_usec (injected clock: birth dates may not be later than its
 * calendar day in the office's zone, anju_format_get_time_zone(); the
 * standard sets no earliest year, see anju_id_number_dup_age_warning()).
 * Returns the normalized 18-digit form, or NULL with a sentence in @error
 * that says what is wrong ("The check character should be 7, not 3 …"). */
char     *anju_id_number_normalize     (const char  *text,
                                        gint64       today_utc_usec,
                                        GError     **error);

/* Birth date of a valid normalized number as "YYYY-MM-DD". */
char     *anju_id_number_dup_birth_date (const char *id18);

/* A sentence when a valid number makes its holder older than 120 on
 * @today_utc_usec (a warning to show, never a refusal), or NULL. */
char     *anju_id_number_dup_age_warning (const char *id18,
                                          gint64      today_utc_usec);

/* "110105199001011234" → "110105********1234" (keeps 6 + 4). Text shorter
 * than 15 characters is masked but for its last 2; NULL gives "". */
char     *anju_id_number_mask          (const char  *id18);

/* Accepts "13812345678", "+86 138 1234 5678", "0086-13812345678",
 * "86-13812345678" (spaces and dashes ignored, full-width digits accepted);
 * returns the 11 digits or NULL with a sentence in @error
 * (ANJU_IDENT_ERROR_MOBILE). */
char     *anju_mobile_normalize        (const char  *text,
                                        GError     **error);

/* "13812345678" → "138****5678". Shorter text is masked whole but for the
 * last 2 characters. */
char     *anju_mobile_mask             (const char  *mobile);

G_END_DECLS
