# Artifact `function` (type aws-lambda-function).
output "function" {
  value = {
    arn          = aws_lambda_function.main.arn
    name         = aws_lambda_function.main.function_name
    region       = local.region
    role_arn     = aws_iam_role.exec.arn
    function_url = var.function_url ? aws_lambda_function_url.main[0].function_url : null
  }
}

# Artifact `endpoint` (type http-endpoint); only meaningful when function_url is on.
output "endpoint" {
  value = var.function_url ? {
    url      = aws_lambda_function_url.main[0].function_url
    hostname = trimsuffix(trimprefix(aws_lambda_function_url.main[0].function_url, "https://"), "/")
    port     = 443
    protocol = "https"
    internal = false
  } : null
}
