"""Keras layer classes called straight from R take R's whole numbers.

R's numbers are doubles: ``keras$layers$Dense(32)`` or ``tf$keras$layers$Conv2D(32, c(3, 3))``,
written in R, reach Python as ``Dense(32.0)``. Keras 2 took 32.0 as 32 units, and keras R 2.x's
scripts and guides rely on it; Keras 3 refuses it ("expected a positive integer. Received:
units=32.0"). pykerasr's own verbs convert their arguments in R (``as_py_integer``); this module
gives the same to the classes, for the arguments the verb tables mark as whole numbers (the
``integer``, ``size`` and ``shape`` converters): a whole-number float (or a list or tuple of
them) becomes an int. Nothing Keras 3 accepts changes. R's pykerasr turns it on (``enable()``)
when it first reaches pykeras_r, and when Keras is first imported in its R session.
"""

from __future__ import annotations

import functools
import inspect

WHOLE_NUMBER_CONVERTERS = ("integer", "size", "shape")

_enabled = False


def whole_number_arguments() -> dict[type, set[str]]:
    """The layer classes of the verb tables and, for each, the Keras names of its arguments that
    are whole numbers (or sequences of them)."""
    from .api import layer_class
    from .verbs import FAMILIES

    found: dict[type, set[str]] = {}
    for family in FAMILIES:
        if family.maker != "layer":
            continue
        for verb in family.verbs.values():
            cls = layer_class(verb.keras)
            names = {arg.keras or name for name, arg in verb.args.items()
                     if arg.convert in WHOLE_NUMBER_CONVERTERS and arg.keras != ""}
            if isinstance(cls, type) and names:
                found.setdefault(cls, set()).update(names)
    return found


def as_whole(value):
    """``32.0`` -> ``32``; ``(3.0, 3.0)`` -> ``(3, 3)``; anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)) and any(isinstance(v, (float, list, tuple)) for v in value):
        return type(value)(as_whole(v) for v in value)
    return value


def _taking_whole_numbers(init, names: frozenset[str]):
    signature = inspect.signature(init)

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        try:
            bound = signature.bind_partial(self, *args, **kwargs)
        except TypeError:  # let Keras say what is wrong with the call
            return init(self, *args, **kwargs)
        for name in names & bound.arguments.keys():
            bound.arguments[name] = as_whole(bound.arguments[name])
        return init(*bound.args, **bound.kwargs)

    __init__.__signature__ = signature  # Keras reads it with getfullargspec(), which ignores __wrapped__
    __init__._pykeras_r_whole_numbers = names
    return __init__


def enable() -> None:
    """Let the tables' layer classes take whole-number floats (once per process)."""
    global _enabled
    if _enabled:
        return
    for cls, names in whole_number_arguments().items():
        init = cls.__init__
        done = getattr(init, "_pykeras_r_whole_numbers", frozenset())
        if set(names) <= done:
            continue
        cls.__init__ = _taking_whole_numbers(getattr(init, "__wrapped__", init), frozenset(names) | done)
    _enabled = True
