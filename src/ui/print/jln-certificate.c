/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/print/jln-certificate.h"

JlnCertificateData *
jln_certificate_data_new_from_award (JlnParticipant        *participant,
                                     JlnBadge              *badge,
                                     JlnAward              *award,
                                     const JlnOrganisation *organisation)
{
  return jln_certificate_data_new_for_award (participant, badge, award,
                                             organisation ? organisation->name : NULL,
                                             organisation ? organisation->public_base : NULL);
}

/* ---- printing ---- */

typedef struct {
  GtkPrintOperation *op;
  GPtrArray *certs;
  char      *export_path;
  char      *tmp_path;
  GError    *draw_error;
  gboolean   completed;
} PrintJob;

static void
print_job_free (gpointer p)
{
  PrintJob *job = p;

  g_clear_object (&job->op);
  g_clear_pointer (&job->certs, g_ptr_array_unref);
  if (job->tmp_path)
    g_unlink (job->tmp_path);
  g_free (job->tmp_path);
  g_free (job->export_path);
  g_clear_error (&job->draw_error);
  g_free (job);
}

static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              GTask             *task)
{
  PrintJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!jln_certificate_render_nth_page (gtk_print_context_get_cairo_context (context),
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context),
                                        job->certs, (guint) page_nr, &error)
      && job->draw_error == NULL)
    job->draw_error = g_steal_pointer (&error);
}

static void
complete_print (GTask                  *task,
                GtkPrintOperation      *op,
                GtkPrintOperationResult result)
{
  PrintJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (job->completed)
    return;
  job->completed = TRUE;

  /* The handlers hold the task alive while the operation runs; let go. */
  g_signal_handlers_disconnect_by_data (op, task);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      if (job->draw_error)
        g_task_return_error (task, g_steal_pointer (&job->draw_error));
      else if (job->tmp_path && !jln_certificate_move_into_place (job->tmp_path, job->export_path, &error))
        g_task_return_error (task, error);
      else
        {
          g_clear_pointer (&job->tmp_path, g_free); /* renamed: keep it */
          g_task_return_boolean (task, TRUE);
        }
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Printing was cancelled."));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      gtk_print_operation_get_error (op, &error);
      if (error == NULL)
        error = g_error_new (JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_RENDER,
                             _("The certificates could not be printed."));
      g_task_return_error (task, error);
      break;
    }
}

static void
on_print_done (GtkPrintOperation      *op,
               GtkPrintOperationResult result,
               GTask                  *task)
{
  complete_print (task, op, result);
}

void
jln_certificate_print (GtkWindow          *parent,
                       GPtrArray          *certs,
                       const char         *export_path,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  PrintJob *job;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jln_certificate_print);

  if (!jln_certificate_check_batch (certs, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (PrintJob, 1);
  job->certs = g_ptr_array_ref (certs);
  job->export_path = g_strdup (export_path);
  g_task_set_task_data (task, job, print_job_free);

  if (export_path)
    {
      job->tmp_path = jln_certificate_make_temp_beside (export_path, &error);
      if (job->tmp_path == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  op = gtk_print_operation_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (op, setup);
  /* The page draws its own margins and frame. */
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (op, (int) jln_certificate_count_pages (certs));
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  title = jln_certificate_dup_title (certs);
  gtk_print_operation_set_job_name (op, title);
  gtk_print_operation_set_allow_async (op, TRUE);
  if (job->tmp_path)
    gtk_print_operation_set_export_filename (op, job->tmp_path);

  job->op = g_object_ref (op);
  g_signal_connect_data (op, "draw-page", G_CALLBACK (on_draw_page),
                         g_object_ref (task), (GClosureNotify) g_object_unref, 0);
  g_signal_connect_data (op, "done", G_CALLBACK (on_print_done),
                         g_object_ref (task), (GClosureNotify) g_object_unref, 0);

  result = gtk_print_operation_run (op,
                                    job->tmp_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                  : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error)
    {
      if (!job->completed)
        {
          job->completed = TRUE;
          g_signal_handlers_disconnect_by_data (op, task);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    complete_print (task, op, result);
}

gboolean
jln_certificate_print_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
