"""The R verb families generated from the tables in pykeras_r/verbs/: the R files are what
the generator writes, every converter the tables name exists in R, and every verb has keras R
2.15's name and, but for the documented differences, its defaults (keras R 2.15, the last 2.x
release, read from its source tarball in ../shared/vendor/r; keras3's for the few keras3 verbs)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tarfile

import keras
import pytest

from helpers import ROOT, SHARED, run_rscript
from pykeras_r import api, bridge

# The reference of each family's names and defaults (Family.keras_r): keras R 2.15, or keras3.
KERAS_R = {"keras": SHARED / "vendor" / "r" / "keras_2.15.0.tar.gz",
           "keras3": SHARED / "vendor" / "r" / "keras3_1.5.1.9000.tar.gz"}


def all_verbs():
    return [(family, name, verb) for family in bridge.FAMILIES for name, verb in family.verbs.items()]


def test_generated_r_files_are_current():
    result = subprocess.run([sys.executable, "scripts/generate_r_verbs.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_converter_the_tables_name_is_an_r_function():
    r_utils = (ROOT / "R" / "r-utils.R").read_text()
    used = {arg.convert for _, _, verb in all_verbs() for arg in verb.args.values() if arg.convert}
    assert used <= set(bridge.R_CONVERTERS)
    for name in {bridge.R_CONVERTERS[c] for c in used}:
        assert re.search(rf"^{re.escape(name)} <- function", r_utils, re.M), name


def test_every_verb_is_exported_and_names_a_keras_object():
    namespace = (ROOT / "NAMESPACE").read_text()
    for family, name, verb in all_verbs():
        assert f"export({name})" in namespace, name
        if family.maker == "layer":
            assert issubclass(api.layer_class(verb.keras), keras.layers.Layer), name  # or pykeras_r.layers_legacy's
        elif family.maker == "optimizer":
            assert keras.optimizers.get(verb.keras) is not None
        elif family.maker == "loss":
            assert keras.losses.get(verb.keras) is not None, name
        elif verb.refusal:
            assert not verb.keras and len(verb.refusal.split("\n")) == 1, name  # one paragraph, no Keras call
        elif family.maker == "function":
            assert callable(bridge.keras_function(verb.keras)), name
        else:
            module = getattr(keras, api.KERAS_OBJECT_MODULES[family.maker])
            from pykeras_r.keras2_objects import KERAS2_CLASSES  # keras R 2.x's classes Keras 3 dropped or changed

            assert isinstance(KERAS2_CLASSES.get((family.maker, verb.keras)) or getattr(module, verb.keras), type), name


def test_renamed_arguments_give_a_note_and_the_new_name():
    args, notes = bridge.keras_arguments("optimizer_sgd", {"lr": 0.1, "momentum": None})
    assert args == {"learning_rate": 0.1}
    assert notes == ["`lr` is deprecated: use `learning_rate` (keras R 2.x's old name; Keras 3 refuses it)."]
    args, notes = bridge.keras_arguments("layer_activation_leaky_relu", {"alpha": 0.2})
    assert args == {"negative_slope": 0.2} and notes == []
    args, notes = bridge.keras_arguments("callback_tensorboard", {"log_dir": "x", "batch_size": None,
                                                                  "write_grads": True})
    assert args == {"log_dir": "x"}
    assert notes == ["`write_grads` is ignored: Keras 3 has no such option."]


def _generator():
    spec = importlib.util.spec_from_file_location("generate_r_verbs", ROOT / "scripts" / "generate_r_verbs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def keras_r(tmp_path_factory):
    """For keras R 2.15 and keras3 (by package name): its exports and, for each argument of each
    verb of the tables that take it as their reference, its default there (R source, "" where it
    has none) and whether it equals ours (2 and 2L alike)."""
    return {package: _read_keras_r(package, tmp_path_factory.mktemp(package)) for package in KERAS_R}


def _read_keras_r(package, folder):
    with tarfile.open(KERAS_R[package]) as tar:
        tar.extractall(folder, filter="data")
    r_value = _generator().r_value
    ours = ", ".join(
        f"{json.dumps(name + '$' + arg)} = {'' if spec.default is bridge.REQUIRED else r_value(spec.default)}"
        for family, name, verb in all_verbs() if family.keras_r == package for arg, spec in verb.args.items())
    code = f"""
    ours <- alist({ours})
    names <- unique(sub("[$].*", "", names(ours)))
    formals <- list()
    makers <- new.env()  # keras R's function factories (new_application_resnet_wrapper), evaluated for formals
    for (file in list.files("{folder}/{package}/R", pattern = "[.]R$", full.names = TRUE)) {{
      for (e in parse(file, keep.source = FALSE)) {{
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
            as.character(e[[2]]) %in% names && is.call(e[[3]]) &&
            identical(e[[3]][[1]], as.name("function"))) formals[[as.character(e[[2]])]] <- e[[3]][[2]]
        # metric_*() are made by py_metric_wrapper(py_fn, py_cls, formals = alist(...))
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
            as.character(e[[2]]) %in% names && is.call(e[[3]]) &&
            identical(e[[3]][[1]], as.name("py_metric_wrapper"))) {{
          wrapper <- as.list(e[[3]])
          extra <- if (!is.null(wrapper$formals)) wrapper$formals else if (length(wrapper) >= 4) wrapper[[4]]
          formals[[as.character(e[[2]])]] <- if (is.null(extra)) list(name = NULL) else eval(extra)
        }}
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
            identical(as.character(e[[2]]), "new_application_resnet_wrapper")) eval(e, makers)
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
            as.character(e[[2]]) %in% names && is.call(e[[3]]) &&
            identical(e[[3]][[1]], as.name("new_application_resnet_wrapper")))
          formals[[as.character(e[[2]])]] <- formals(eval(e[[3]], makers))
      }}
    }}
    # aliases (`k_random_bernoulli <- k_random_binomial`): the formals of the function they name
    for (file in list.files("{folder}/{package}/R", pattern = "[.]R$", full.names = TRUE)) {{
      for (e in parse(file, keep.source = FALSE)) {{
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) && is.name(e[[3]]) &&
            as.character(e[[2]]) %in% names && as.character(e[[3]]) %in% names(formals))
          formals[[as.character(e[[2]])]] <- formals[[as.character(e[[3]])]]
      }}
    }}
    args <- lapply(names(ours), function(key) {{
      verb <- sub("[$].*", "", key); arg <- sub(".*[$]", "", key)
      if (!arg %in% names(formals[[verb]])) return(list(has = FALSE))
      required <- c(identical(formals[[verb]][[arg]], quote(expr = )), identical(ours[[key]], quote(expr = )))
      same <- if (any(required)) all(required) else
        isTRUE(all.equal(eval(ours[[key]]), eval(formals[[verb]][[arg]]), check.attributes = FALSE))
      list(has = TRUE, same = same,
           theirs = if (required[1]) "(none)" else paste(deparse(formals[[verb]][[arg]]), collapse = ""))
    }})
    names(args) <- names(ours)
    exports <- sub("^export[(](.*)[)]$", "\\\\1", grep("^export[(]", readLines("{folder}/{package}/NAMESPACE"), value = TRUE))
    cat(jsonlite::toJSON(list(args = args, exports = exports), auto_unbox = TRUE))
    """
    result = run_rscript(code, cwd=folder, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", [name for _, name, _ in all_verbs()])
def test_names_and_defaults_are_keras_r_2_15s(keras_r, name):
    family, verb = bridge.find_verb(name)
    reference = keras_r[family.keras_r]  # keras R 2.15, or keras3 for keras3's verbs
    assert name in reference["exports"]
    for arg in verb.args:
        found = reference["args"][f"{name}${arg}"]
        assert found["has"], f"{name}: {family.keras_r} has no argument {arg!r}"
        if not bridge.KERAS_R_DIFFERENCES.get((name, arg), "same default").startswith("same default"):
            assert not found["same"], f"{name}: {arg} is keras R's again; drop it from KERAS_R_DIFFERENCES"
        else:
            assert found["same"], f"{name}: {arg}'s default differs from {family.keras_r}'s ({found['theirs']})"


def test_every_difference_names_a_keras_r_2_15_export(keras_r):
    """KERAS_R_DIFFERENCES, the one list of deliberate differences, speaks of keras R 2.15's verbs:
    each one ours (exported), or missing on purpose (a Keras 3 layer that does not exist)."""
    namespace = (ROOT / "NAMESPACE").read_text()
    for (name, arg), why in bridge.KERAS_R_DIFFERENCES.items():
        assert name in keras_r["keras"]["exports"], name
        assert (f"export({name})" in namespace or f"S3method({name}," in namespace) != why.startswith("missing"), name
    assert set(bridge.refusals()) >= {"k_get_session", "k_placeholder"}


def test_readme_export_table_is_current():
    result = subprocess.run([sys.executable, "scripts/export_table.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_keras_r_export_is_called_by_a_test(keras_r):
    """Each keras R 2.15 export pykerasr has is called at least once by the tests: testthat,
    the keras R 2.15 oracle scripts, or R code the pytest files run (a call `name(`, an
    operator used infix, an R6 class named as a parent, or in R tests a name called through a
    loop: `for (verb in c("activation_elu", ...)) do.call(verb, ...)`)."""
    tests = ROOT / "tests"
    r_tests = "\n".join(path.read_text(encoding="utf-8") for pattern in ("testthat/*.R", "keras_r_oracle/*.R")
                        for path in tests.glob(pattern))
    text = r_tests + "\n".join(path.read_text(encoding="utf-8") for pattern in ("*.py", "parity/*.py")
                               for path in tests.glob(pattern))
    namespace = (ROOT / "NAMESPACE").read_text()
    # families an R test runs through whole: for (name in grep("^application_", getNamespaceExports("pykerasr"), ...))
    enumerated = re.findall(r'grep\("\^(\w+)", getNamespaceExports\("pykerasr"\)', r_tests)
    uncalled = []
    for name in (n.strip('"') for n in keras_r["keras"]["exports"]):
        if f"export({name})" not in namespace and f"export(\"{name}\")" not in namespace:
            continue
        if name.startswith("%"):
            found = f" {name} " in text
        else:  # a call, a function passed as a value (val(activation_relu)), an R6 parent, a quoted name
            found = (re.search(rf"(?<![\w.$]){re.escape(name)}(?![\w.])", r_tests)
                     or re.search(rf"(?<![\w.$]){re.escape(name)}\s*\(", text)
                     or any(name.startswith(prefix) for prefix in enumerated))
        if not found:
            uncalled.append(name)
    assert not uncalled, f"{len(uncalled)} exports no test calls: {uncalled}"
