"""The 12345 hotline exchange: 工单 imported from the hotline's export, results exported back."""
