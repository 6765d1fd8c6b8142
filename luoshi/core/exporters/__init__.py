"""What offices circulate and analysts read: the task table (.xlsx, .docx) and plain data.

Each exporter yields rows from the database and writes them; big tables stream.
"""
