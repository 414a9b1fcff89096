locals {
  subnet = { for tier, list in {
    public   = aws_subnet.public
    private  = aws_subnet.private
    internal = aws_subnet.internal
  } : tier => [for s in list : { id = s.id, arn = s.arn, availability_zone = s.availability_zone, cidr = s.cidr_block }] }
}

# Artifact `network` (type aws-vpc).
output "network" {
  value = {
    id               = aws_vpc.main.id
    arn              = aws_vpc.main.arn
    region           = var.region
    cidr             = aws_vpc.main.cidr_block
    public_subnets   = local.subnet.public
    private_subnets  = local.subnet.private
    internal_subnets = local.subnet.internal
  }
}
