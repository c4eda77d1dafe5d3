/* anju-date-time-row.h — a row to pick a day and a time of day
 *
 * For the appointment and "call again" of a phone call: a day from a
 * calendar and hour:minute spins, in the office's time zone.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ANJU_TYPE_DATE_TIME_ROW (anju_date_time_row_get_type ())
G_DECLARE_FINAL_TYPE (AnjuDateTimeRow, anju_date_time_row, ANJU, DATE_TIME_ROW, AdwActionRow)

GtkWidget *anju_date_time_row_new      (void);
/* The time chosen, UTC µs (whole minutes). */
gint64     anju_date_time_row_get_usec (AnjuDateTimeRow *self);
/* Shows @utc_usec (rounded down to the minute) in office time. */
void       anju_date_time_row_set_usec (AnjuDateTimeRow *self,
                                        gint64           utc_usec);

G_END_DECLS
