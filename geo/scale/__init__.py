"""Archive-scale runs: claims datasets (Parquet / JSON Lines) written and read without the articles."""
