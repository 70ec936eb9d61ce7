"""DERIVED indicators: a small arithmetic language over indicator codes, parsed with ast.

Only numbers, indicator codes (written with underscores instead of dashes), + - * /,
unary minus and parentheses are accepted; nothing is ever passed to eval().
Example: "grdp_ty_dong * 1000 / dan_so_trung_binh" (GRDP per capita, million VND).
"""

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def name_to_code(name: str) -> str:
    return name.replace("_", "-")


def parse(formula: str) -> ast.Expression:
    """The parsed formula; ValidationError naming the first construct that is not allowed."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        raise ValidationError(_("The formula is not a valid arithmetic expression.")) from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise ValidationError(_("The formula may only contain numbers."))
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINARY:
                raise ValidationError(_("The formula may only use + - * / and parentheses."))
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.UAdd):
                raise ValidationError(_("The formula may only use + - * / and parentheses."))
        elif not isinstance(
            node, ast.Expression | ast.Name | ast.Load | ast.operator | ast.unaryop
        ):
            # Calls, attributes, subscripts, comparisons, lambdas…: never.
            raise ValidationError(_("The formula may only use + - * / and parentheses."))
    return tree


def codes_in(formula: str) -> set[str]:
    return {name_to_code(n.id) for n in ast.walk(parse(formula)) if isinstance(n, ast.Name)}


def evaluate(formula: str, values: dict) -> Decimal | None:
    """The formula's value from {code: Decimal}; None if an input is missing or a divisor is 0."""
    tree = parse(formula)

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(name_to_code(node.id))
            if value is None:
                raise LookupError(node.id)
            return Decimal(value)
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        return _BINARY[type(node.op)](walk(node.left), walk(node.right))

    try:
        return walk(tree)
    except (LookupError, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
