/* anju-money.h — money as integer fen
 *
 * An amount is a gint64 count of fen (1 yuan = 100 fen). Nothing in Anju
 * holds money in floating point.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 AnjuFen;

#define ANJU_MONEY_ERROR (anju_money_error_quark ())

typedef enum
{
  ANJU_MONEY_ERROR_INVALID,
  ANJU_MONEY_ERROR_PRECISION,   /* more than 2 decimals */
  ANJU_MONEY_ERROR_RANGE,
} AnjuMoneyError;

GQuark    anju_money_error_quark  (void);

/* Parses "1234567.89", "1,234,567.89", "¥1,234,567.89", "-12.5", " 100 "
 * into fen. More than two decimals is an error (never rounded silently);
 * so are empty text, letters, and amounts beyond ±10^15 fen. */
gboolean  anju_money_parse        (const char  *text,
                                   AnjuFen     *fen,
                                   GError     **error);

/* 123456789 → "¥1,234,567.89"; -5 → "-¥0.05". */
char     *anju_money_format       (AnjuFen      fen);

/* Without the currency sign or grouping: 123456789 → "1234567.89". */
char     *anju_money_format_plain (AnjuFen      fen);

/* Amount in Chinese capitals for receipts (会计基础工作规范 art. 52):
 * 10700053 → "人民币壹拾万柒仟元零伍角叁分", 100000000 → "人民币壹佰万元整",
 * 1640902 → "人民币壹万陆仟肆佰零玖元零贰分", 1050 → "人民币壹拾元零伍角整".
 * 整 follows 元 or 角 when the amount ends there, never 分. Zero is
 * "人民币零元整"; under one yuan there is no 元: 5 → "人民币伍分", 50 →
 * "人民币伍角整". One 零 stands for a run of zeros between digits
 * (1000100000 → "人民币壹仟万零壹仟元整"), except that a zero in the 万 or
 * 亿 place alone is carried by the unit (10700053 above); 零 follows 元
 * when the 元 digit is 0 and 角 is not (1050 above). Negative amounts are
 * prefixed 负: -5 → "负人民币伍分". */
char     *anju_money_to_capitals  (AnjuFen      fen);

/* Rounds a rational amount num/den fen half up (away from zero) to a whole
 * fen, the one rounding rule Anju uses. @den > 0. */
AnjuFen   anju_money_round_div    (gint64       num,
                                   gint64       den);

G_END_DECLS
