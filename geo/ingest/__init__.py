"""Reading articles: files, folders, JSONL, HTML and zips; encodings, limits and date lines."""
