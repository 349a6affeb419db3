"""Import and export of applications: CSV from spreadsheets, lossless JSON, safe CSV out."""
