"""Contract façade for the SMRJ mutual-aid chatbot."""
