/* jx-preferences.h: the Preferences window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JX_TYPE_PREFERENCES (jx_preferences_get_type ())
G_DECLARE_FINAL_TYPE (JxPreferences, jx_preferences, JX, PREFERENCES, GtkWindow)

/*
 * Every control is bound to its GSettings key and takes effect at once
 * (no Apply button): reviewer-name (the author of new comments),
 * autosave-interval (the longest time before unsaved work is in a
 * recovery draft), default-template (the template of new
 * documents, one of jx_template_list_builtin()), show-last-year (whether
 * last year's values show beside this year's).
 */
GtkWidget   *jx_preferences_new              (GtkWindow *parent,
                                              GSettings *settings);
/* For tests. */
GtkEditable *jx_preferences_get_reviewer     (JxPreferences *self);
GtkSpinButton *jx_preferences_get_interval   (JxPreferences *self);
GtkDropDown *jx_preferences_get_template     (JxPreferences *self);
GtkSwitch   *jx_preferences_get_last_year    (JxPreferences *self);

G_END_DECLS
