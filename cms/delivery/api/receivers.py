"""The API's receivers: image renditions made in the background after each image save (reads
never write them). Imported once from DeliveryConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from .images import image_renditions_build_task


@receiver(post_save, sender=get_image_model(), dispatch_uid="delivery_image_renditions")
def image_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: image_renditions_build_task.enqueue(instance.pk))
