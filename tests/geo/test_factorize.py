"""geo._factorize.factorize gives pd.factorize's codes and uniques, by Arrow."""

import numpy as np
import pandas as pd
import pytest

from geo._factorize import factorize


@pytest.mark.parametrize("use_na_sentinel", [True, False])
@pytest.mark.parametrize("dtype", ["str", "string", object])
def test_same_codes_and_uniques_as_pandas(dtype, use_na_sentinel):
    values = pd.Series(["Gao", None, "Mopti", "Gao", "", "Ségou", None, "Mopti"], dtype=dtype)
    codes, uniques = factorize(values, use_na_sentinel=use_na_sentinel)
    want_codes, want_uniques = pd.factorize(values, use_na_sentinel=use_na_sentinel)
    np.testing.assert_array_equal(codes, want_codes)
    assert [None if pd.isna(u) else u for u in uniques] == [None if pd.isna(u) else u for u in want_uniques]
    expected = ["Gao", "Mopti", "", "Ségou"] if use_na_sentinel else ["Gao", None, "Mopti", "", "Ségou"]
    assert [None if pd.isna(u) else u for u in uniques] == expected
