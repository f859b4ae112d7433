/* jx-window-hints.c: beside each field of the shown form, in grey, the other version's value (Compare With…) and last year's (上年)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-window-hints"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jx-application.h"
#include "jx-document.h"
#include "jx-money.h"
#include "jx-previous.h"
#include "jx-window-private.h"

/* The hint of a field widget is a label of its own, made the first time
 * and put beside it: in the next free column of its grid row, or after it
 * in its box. It is the widget's object data "jx-hint". */
static GtkLabel *
hint_label (GtkWidget *widget)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (widget), "jx-hint");
  GtkWidget *cell = widget;
  GtkWidget *parent;

  if (label != NULL)
    return label;
  while ((parent = gtk_widget_get_parent (cell)) != NULL && !GTK_IS_GRID (parent) && !GTK_IS_BOX (parent))
    cell = parent;
  if (parent == NULL)
    return NULL;

  label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (label, 0);
  gtk_label_set_yalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (label, 24);
  gtk_label_set_lines (label, 3);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (label, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (label), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (label), 7);
  gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (label), "jx-hint");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  if (GTK_IS_GRID (parent))
    {
      int column, row, width, height;

      gtk_grid_query_child (GTK_GRID (parent), cell, &column, &row, &width, &height);
      column += width;
      while (gtk_grid_get_child_at (GTK_GRID (parent), column, row) != NULL)
        column++;
      gtk_grid_attach (GTK_GRID (parent), GTK_WIDGET (label), column, row, 1, height);
    }
  else
    gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (label), cell);
  g_object_set_data (G_OBJECT (widget), "jx-hint", label);
  return label;
}

static gboolean
show_last_year (void)
{
  GSettings *settings = jx_application_get_settings (NULL);

  return settings == NULL || g_settings_get_boolean (settings, "show-last-year");
}

/* A value as the form would show it: an amount with separators, a flag as
 * yes or no, an empty text said. */
static char *
format_value (const JxField *info,
              const char    *value)
{
  const char *point = strchr (value, '.');
  guint decimals = point != NULL ? (guint) strlen (point + 1) : 0;
  JxMoney amount;

  /* An amount with the decimals it is written with (a table kept to four). */
  if (info != NULL && info->kind == JX_FIELD_MONEY && decimals >= JX_MONEY_MIN_DECIMALS &&
      decimals <= JX_MONEY_MAX_DECIMALS && jx_money_from_decimal_at (value, strlen (value), decimals, &amount))
    return jx_money_format_at (amount, decimals);
  if (info != NULL && info->kind == JX_FIELD_BOOLEAN)
    return g_strdup (g_str_equal (value, "true") ? _("yes") : _("no"));
  if (*value == '\0')
    /* TRANSLATORS: beside a field: the value it had was empty */
    return g_strdup (_("(empty)"));
  return g_strdup (value);
}

static const JxField *
field_info (JxNode     *node,
            const char *id)
{
  const JxField *info = jx_field_lookup (jx_node_get_field_owner (node), id);

  return info != NULL ? info : jx_field_lookup_source (id);
}

/* "上年：10,464.80（+535.20）": last year's amount and this year's change
 * against it. */
static char *
last_year_text (JxNode        *node,
                const JxField *info,
                const char    *previous)
{
  g_autofree char *shown = format_value (info, previous);
  JxDocument *document = jx_node_get_document (node);
  guint decimals = document != NULL ? jx_document_get_decimals (document) : JX_MONEY_DEFAULT_DECIMALS;
  JxMoney before, now, delta;

  if (info->kind == JX_FIELD_MONEY && jx_money_from_decimal_at (previous, strlen (previous), decimals, &before))
    {
      JxFieldText scratch = JX_FIELD_TEXT_INIT;

      jx_node_peek_field_text (node, info, &scratch);
      now = scratch.amount;
      jx_field_text_clear (&scratch);
      if (jx_money_sub (now, before, &delta) && delta != 0)
        {
          g_autofree char *magnitude = jx_money_format_at (delta < 0 ? -delta : delta, decimals);

          /* TRANSLATORS: beside an amount: last year's amount, then this year's change: "Last year: 10,464.80 (+535.20)" */
          return g_strdup_printf (_("Last year: %s (%s%s)"), shown, delta < 0 ? "−" : "+", magnitude);
        }
      /* TRANSLATORS: beside an amount that is the same as last year's */
      return g_strdup_printf (_("Last year: %s (unchanged)"), shown);
    }
  /* TRANSLATORS: beside a field: its value in last year's table (上年) */
  return g_strdup_printf (_("Last year: %s"), shown);
}

/* What shows beside @field of @node, or NULL. */
static char *
hint_text (JxWindow   *self,
           JxNode     *node,
           const char *field)
{
  const JxField *info = field_info (node, field);
  const char *other = self->comparison ? jx_comparison_get_old_value (self->comparison, node, field) : NULL;
  const char *previous = NULL;
  GString *text = NULL;

  if (other != NULL)
    {
      g_autofree char *shown = format_value (info, other);

      text = g_string_new (NULL);
      /* TRANSLATORS: beside a field changed since the version compared with: the value it had there */
      g_string_append_printf (text, _("Other version: %s"), shown);
    }
  if (info != NULL && show_last_year () && jx_field_has_previous (info))
    previous = jx_node_get_previous (node, info);
  if (previous != NULL)
    {
      g_autofree char *line = last_year_text (node, info, previous);

      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

/* Whether @widget shows in the form: it and what holds it up to the page
 * are visible (a template without 中长期目标 hides that field's row). */
static gboolean
shown_in_page (GtkWidget *widget,
               GtkWidget *page)
{
  for (GtkWidget *w = widget; w != NULL && w != page; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

static void
update_widget (JxWindow  *self,
               GtkWidget *widget,
               GtkWidget *page,
               JxNode    *node)
{
  const char *field = jx_window_field_of_widget (widget);
  g_autofree char *text = NULL;
  GtkLabel *label;

  if (field == NULL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        update_widget (self, child, page, node);
      return;
    }
  text = node != NULL && shown_in_page (widget, page) ? hint_text (self, node, field) : NULL;
  label = g_object_get_data (G_OBJECT (widget), "jx-hint");
  if (text == NULL && label == NULL)
    return;
  label = hint_label (widget);
  if (label == NULL)
    return;
  if (g_strcmp0 (gtk_label_get_text (label), text ? text : "") != 0)
    {
      gtk_label_set_text (label, text ? text : "");
      /* The whole text when a long goal is cut to three lines. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
jx_window_hints_update (JxWindow *self)
{
  GtkWidget *page;

  if (self->document == NULL)
    return;
  page = gtk_stack_get_visible_child (self->stack);
  if (page != NULL)
    update_widget (self, page, page, self->shown);
}

const char *
jx_window_get_field_hint (JxWindow   *self,
                          const char *field)
{
  GtkWidget *widget;
  GtkLabel *label;

  g_return_val_if_fail (JX_IS_WINDOW (self), NULL);
  widget = jx_window_find_field_widget (self, field);
  label = widget != NULL ? g_object_get_data (G_OBJECT (widget), "jx-hint") : NULL;
  return label != NULL && gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}
