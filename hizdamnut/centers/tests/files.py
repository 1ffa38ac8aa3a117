def write_file(directory, name, text, *, encoding="utf-8"):
    """The path of a new file `name` in `directory` holding `text`: the CSV a command's test imports."""
    path = directory / name
    path.write_text(text, encoding=encoding)
    return path
