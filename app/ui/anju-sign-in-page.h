/* anju-sign-in-page.h — user name, password, Sign In */
#pragma once

#include <adwaita.h>

#include "anju-context.h"

G_BEGIN_DECLS

#define ANJU_TYPE_SIGN_IN_PAGE (anju_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (AnjuSignInPage, anju_sign_in_page, ANJU, SIGN_IN_PAGE, AdwBin)

void anju_sign_in_page_set_context (AnjuSignInPage *self,
                                    AnjuContext    *context);

G_END_DECLS
