"""``python -m geo`` is the ``tcmap`` command."""

from geo.cli import main

if __name__ == "__main__":
    main()
