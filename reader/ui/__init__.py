"""The Qt user interface: widgets, item models, delegates and actions only; logic lives in core."""
