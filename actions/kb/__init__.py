"""The question-level knowledge base: items under data/kb/, their ranking and their answers."""
