"""Remove the task rows of the old `send_email` task: each held a whole rendered email.

Those bodies held password-reset keys, login codes and registration confirm/cancel links in
plain text. Emails are now queued as template + ids (`samenspel.core.emails`). Rows still
waiting are removed too (they cannot run: the old task is gone); let `db_worker` empty the
queue before upgrading (docs/production.md).
"""

from django.db import migrations

OLD_TASK = "samenspel.core.tasks.send_email"


def remove_email_bodies(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=OLD_TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_content_version"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(remove_email_bodies, migrations.RunPython.noop)]
