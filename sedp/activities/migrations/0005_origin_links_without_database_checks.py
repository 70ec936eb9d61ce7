"""The origins link becomes an explicit model on the same table (state only), then its two
foreign keys and the line's `source` stop being checked by the database, and the indexes
that another index already covers go: fewer writes per consolidated line."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_envelopes_allocations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The automatic link table already has these columns and constraints.
            state_operations=[
                migrations.CreateModel(
                    name="ActivityOrigin",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "from_activity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="activities.activity",
                            ),
                        ),
                        (
                            "to_activity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="activities.activity",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "activities_activity_origins",
                        "unique_together": {("from_activity", "to_activity")},
                        "verbose_name": "origin",
                        "verbose_name_plural": "origins",
                    },
                ),
                migrations.AlterField(
                    model_name="activity",
                    name="origins",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="consolidated_into",
                        through="activities.ActivityOrigin",
                        through_fields=("from_activity", "to_activity"),
                        to="activities.activity",
                        verbose_name="consolidated from",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="activityorigin",
            name="from_activity",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="activities.activity",
            ),
        ),
        migrations.AlterField(
            model_name="activityorigin",
            name="to_activity",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="activities.activity",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="activities.activity",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="plans.plan",
            ),
        ),
    ]
